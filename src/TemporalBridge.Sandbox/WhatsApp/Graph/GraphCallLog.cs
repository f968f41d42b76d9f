using System.Text.Json;

namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>
/// One Graph API call the emulator received and what it answered. <see cref="Wamid"/> is the message sent, or the
/// one marked read; <see cref="Recipient"/> the user it concerns; <see cref="Request"/> the body as received.
/// </summary>
public sealed record GraphCall(
    long Id,
    DateTimeOffset At,
    string Operation,
    string? PhoneNumberId,
    string? Recipient,
    string? Wamid,
    string? MediaId,
    int StatusCode,
    int? ErrorCode,
    JsonElement? Request);

/// <summary>Every Graph call, in arrival order: sends, read receipts, typing indicators, media lookups and downloads.</summary>
public sealed class GraphCallLog(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<GraphCall> calls = [];
    private long nextId = 1;

    public void Add(string operation, string? phoneNumberId, string? recipient, string? wamid, string? mediaId, int statusCode, int? errorCode, JsonElement? request)
    {
        lock (gate)
        {
            calls.Add(new GraphCall(nextId++, time.GetUtcNow(), operation, phoneNumberId, recipient, wamid, mediaId, statusCode, errorCode, request?.Clone()));
        }
    }

    public IReadOnlyList<GraphCall> All(string? operation = null)
    {
        lock (gate)
        {
            return [.. calls.Where(c => operation is null || c.Operation == operation)];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            calls.Clear();
        }
    }
}
