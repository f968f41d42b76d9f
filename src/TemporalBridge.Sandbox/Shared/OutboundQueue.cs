using System.Threading.Channels;

namespace TemporalBridge.Sandbox.Shared;

/// <summary>One attempt at a call waiting for its <see cref="OutboundDispatcher{TCall}"/>.</summary>
public sealed record OutboundDelivery<TCall>(TCall Call, int Attempt);

/// <summary>
/// Where calls wait for delivery. Those due now go straight into the channel, so calls queued one after another
/// reach the bridge in that order; delayed ones (a later status, held back, a retry's backoff) join it when due on
/// the emulator's clock, which tests move by hand.
/// </summary>
public sealed class OutboundQueue<TCall>(TimeProvider time) : IDisposable
{
    private readonly Channel<OutboundDelivery<TCall>> channel = Channel.CreateUnbounded<OutboundDelivery<TCall>>(new() { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();

    public ChannelReader<OutboundDelivery<TCall>> Reader => channel.Reader;

    public void Schedule(OutboundDelivery<TCall> delivery, TimeSpan after)
    {
        if (after <= TimeSpan.Zero)
        {
            channel.Writer.TryWrite(delivery);
            return;
        }

        _ = WriteWhenDueAsync(delivery, after);
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        channel.Writer.TryComplete();
    }

    private async Task WriteWhenDueAsync(OutboundDelivery<TCall> delivery, TimeSpan after)
    {
        try
        {
            await Task.Delay(after, time, stopping.Token);
            channel.Writer.TryWrite(delivery);
        }
        catch (OperationCanceledException)
        {
            // The sandbox is stopping: undelivered calls go with the rest of its memory.
        }
    }
}
