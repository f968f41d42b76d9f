using System.Threading.Channels;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>A call to make to an app: <see cref="Path"/> is relative to the app's api_uri, e.g. <c>channels/{uid}</c>.</summary>
public sealed record CallbackRequest(string Reason, string AppClientId, HttpMethod Method, string Path, string Body);

/// <summary>One attempt waiting for <see cref="CallbackDispatcher"/>.</summary>
public sealed record CallbackDelivery(CallbackRecord Record, int Attempt);

/// <summary>
/// Where callbacks wait for delivery. Those due now go straight into the channel, so callbacks sent one after
/// another are delivered in that order; delayed ones (activation delay, held back, retry backoff) join it when due.
/// </summary>
public sealed class CallbackQueue(CallbackLog log, CallbackBehaviour behaviour, AppRegistry apps, TimeProvider time) : IDisposable
{
    private readonly Channel<CallbackDelivery> channel = Channel.CreateUnbounded<CallbackDelivery>(new() { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();

    public ChannelReader<CallbackDelivery> Reader => channel.Reader;

    /// <summary>
    /// Queues <paramref name="request"/> after <paramref name="delay"/>, applying duplicate/hold behaviour; returns
    /// the record of each copy.
    /// </summary>
    public IReadOnlyList<CallbackRecord> Send(CallbackRequest request, TimeSpan delay, bool? duplicate = null, int? extraDelayMs = null)
    {
        var (twice, heldMs) = behaviour.Next(duplicate, extraDelayMs);
        var app = apps.Find(request.AppClientId) ?? apps.Default;
        var url = Combine(app.ApiUri, request.Path);
        var copies = twice ? 2 : 1;
        var records = new List<CallbackRecord>(copies);
        for (var copy = 1; copy <= copies; copy++)
        {
            var record = log.Add(request.Reason, request.Method.Method, url, request.Body, copy, copies, heldMs);
            records.Add(record);
            Schedule(new CallbackDelivery(record, 1), delay + TimeSpan.FromMilliseconds(heldMs));
        }

        return records;
    }

    public void Schedule(CallbackDelivery delivery, TimeSpan after)
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

    /// <summary>The app's api_uri with <paramref name="path"/> appended to its path; its query (e.g. <c>?token=</c>) is kept.</summary>
    public static Uri Combine(Uri apiUri, string path) =>
        new(apiUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path + apiUri.Query);

    private async Task WriteWhenDueAsync(CallbackDelivery delivery, TimeSpan after)
    {
        try
        {
            await Task.Delay(after, time, stopping.Token);
            channel.Writer.TryWrite(delivery);
        }
        catch (OperationCanceledException)
        {
            // The sandbox is stopping: undelivered callbacks are dropped with it, like the rest of its memory.
        }
    }
}
