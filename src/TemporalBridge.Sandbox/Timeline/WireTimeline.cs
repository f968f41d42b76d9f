using System.Threading.Channels;

namespace TemporalBridge.Sandbox.Timeline;

/// <summary>
/// The calls that crossed the wire, newest last: the last <see cref="Capacity"/> of them, and every reader watching
/// for more. A reader that falls behind by more than <see cref="Capacity"/> calls loses the oldest of them, never
/// the sandbox's speed: recording never waits for a reader.
/// </summary>
public sealed class WireTimeline(TimeProvider time)
{
    public const int Capacity = 500;

    private readonly Lock gate = new();
    private readonly Queue<WireCall> recent = new();
    private readonly List<Channel<WireCall>> readers = [];
    private long lastId;

    public WireCall Record(string direction, string service, string method, string path, int? status, TimeSpan duration, string? workflow = null)
    {
        lock (gate)
        {
            var call = new WireCall(++lastId, time.GetUtcNow(), direction, service, method, path, status, (long)duration.TotalMilliseconds, workflow);
            recent.Enqueue(call);
            if (recent.Count > Capacity)
            {
                recent.Dequeue();
            }
            foreach (var reader in readers)
            {
                reader.Writer.TryWrite(call);
            }
            return call;
        }
    }

    /// <summary>The calls after <paramref name="afterId"/> still kept, then each new one as it is recorded, until
    /// <paramref name="cancel"/>.</summary>
    public async IAsyncEnumerable<WireCall> WatchAsync(long afterId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        var reader = Channel.CreateBounded<WireCall>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        List<WireCall> kept;
        lock (gate)
        {
            // Under the lock: no call can fall between the ones kept and the ones written to this reader.
            kept = [.. recent.Where(call => call.Id > afterId)];
            readers.Add(reader);
        }
        try
        {
            foreach (var call in kept)
            {
                yield return call;
            }
            await foreach (var call in reader.Reader.ReadAllAsync(cancel))
            {
                yield return call;
            }
        }
        finally
        {
            lock (gate)
            {
                readers.Remove(reader);
            }
        }
    }
}
