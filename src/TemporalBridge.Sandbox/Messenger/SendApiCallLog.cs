using System.Text.Json;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>One Send API or profile call the emulator received and what it answered.</summary>
/// <param name="Operation"><c>send</c>, <c>typing_on</c>, <c>typing_off</c>, <c>mark_seen</c> or <c>profile</c>.</param>
public sealed record SendApiCall(
    long Id, DateTimeOffset At, string Operation, string? PageId, string? Psid, string? Mid, int StatusCode, int? ErrorCode, int? ErrorSubcode, JsonElement? Request);

/// <summary>Every call, in arrival order.</summary>
public sealed class SendApiCallLog(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<SendApiCall> calls = [];
    private long nextId = 1;

    public void Add(string operation, string? pageId, string? psid, string? mid, int statusCode, SendApiError? error, JsonElement? request)
    {
        lock (gate)
        {
            calls.Add(new SendApiCall(nextId++, time.GetUtcNow(), operation, pageId, psid, mid, statusCode, error?.Code, error?.Subcode, request?.Clone()));
        }
    }

    public IReadOnlyList<SendApiCall> All(string? operation = null)
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
