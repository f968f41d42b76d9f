using System.Threading.Channels;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>One attempt waiting for <see cref="WebhookDispatcher"/>.</summary>
public sealed record WebhookDelivery(WebhookRecord Record, int Attempt);

/// <summary>
/// Where webhooks wait for delivery. Those due now go straight into the channel, so webhooks queued one after another
/// reach the bridge in that order; delayed ones (a later status, a retry's backoff) join it when due on the
/// emulator's clock, which tests move by hand.
/// </summary>
public sealed class WebhookQueue(TimeProvider time) : IDisposable
{
    private readonly Channel<WebhookDelivery> channel = Channel.CreateUnbounded<WebhookDelivery>(new() { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();

    public ChannelReader<WebhookDelivery> Reader => channel.Reader;

    public void Schedule(WebhookDelivery delivery, TimeSpan after)
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

    private async Task WriteWhenDueAsync(WebhookDelivery delivery, TimeSpan after)
    {
        try
        {
            await Task.Delay(after, time, stopping.Token);
            channel.Writer.TryWrite(delivery);
        }
        catch (OperationCanceledException)
        {
            // The sandbox is stopping: undelivered webhooks go with the rest of its memory.
        }
    }
}
