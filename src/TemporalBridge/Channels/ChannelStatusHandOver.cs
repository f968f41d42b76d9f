using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Channels;

/// <summary>
/// Hands vcita's channel-status webhook to the channel workflow that owns the uid, found as every vcita uid's owner is
/// (<see cref="UidOwners"/>: it also waits out a confirmation that overtakes the create call's answer).
/// </summary>
public sealed class ChannelStatusHandOver(UidOwners owners, ITemporalClient temporal)
{
    public enum Outcome
    {
        /// <summary>Temporal accepted the signal: answer 2xx.</summary>
        Delivered,

        /// <summary>No channel of this bridge has that uid.</summary>
        UnknownChannel,
    }

    public async Task<Outcome> HandOverAsync(string channelUid, string status, CancellationToken cancellationToken)
    {
        var owner = await owners.FindAsync(ChannelActivities.ChannelUids, channelUid, cancellationToken);
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
