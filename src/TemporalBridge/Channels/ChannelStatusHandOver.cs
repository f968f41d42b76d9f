using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Channels;

/// <summary>
/// Hands vcita's channel-status webhook to the channel workflow that owns the uid. vcita may confirm a channel
/// before the create call has returned to the bridge; while some channel is being created, an unknown uid is
/// looked up again for a short while (the uid is recorded the moment vcita answers the create call), so that
/// status is delivered, not lost.
/// </summary>
public sealed class ChannelStatusHandOver(ChannelDirectory directory, ITemporalClient temporal)
{
    internal static readonly TimeSpan CreationRaceWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LookAgainEvery = TimeSpan.FromMilliseconds(100);

    public enum Outcome
    {
        /// <summary>Temporal accepted the signal: answer 2xx.</summary>
        Delivered,

        /// <summary>No channel of this bridge has that uid.</summary>
        UnknownChannel,
    }

    public async Task<Outcome> HandOverAsync(string channelUid, string status, CancellationToken cancellationToken)
    {
        var owner = await directory.FindOwnerAsync(channelUid);
        if (owner == null && await directory.AnyCreationInFlightAsync())
        {
            var deadline = DateTime.UtcNow + CreationRaceWait;
            while (owner == null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(LookAgainEvery, cancellationToken);
                owner = await directory.FindOwnerAsync(channelUid);
            }
        }
        if (owner == null)
        {
            return Outcome.UnknownChannel;
        }
        try
        {
            await temporal.GetWorkflowHandle<ChannelWorkflow>(owner)
                .SignalAsync(wf => wf.ReportStatusAsync(new ChannelStatusReport(status)));
            return Outcome.Delivered;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return Outcome.UnknownChannel; // the connection has ended since
        }
    }
}
