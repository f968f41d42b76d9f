using StackExchange.Redis;
using TemporalBridge.Redis;

namespace TemporalBridge.Typing;

/// <summary>
/// Whether the business's typing indicator is showing, per conversation, as a Redis key that lives as long as the
/// indicator does (<c>SET NX EX</c>): only the event that creates the key is passed on, so staff's stream of
/// "typing" events costs one provider call per window. The keys are keyed by the conversation's session
/// workflow id (hashed, see <see cref="SessionIdHash"/>), so the outbound send can forget the business's indicator
/// with the id it already has. Redis is only a throttle here: when it is down every event is passed on.
/// </summary>
public sealed class TypingState(CacheCall cache)
{
    /// <summary>
    /// How long WhatsApp shows the business's typing indicator (unless the business replies first).
    /// </summary>
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Forgets that the business is shown typing to the client of this conversation, so the next "typing" from
    /// staff shows the indicator again. Call it after a message was sent to the client: WhatsApp hides the indicator
    /// when the business replies. Never throws for Redis: a key that stays only holds the next indicator back until
    /// it expires.
    /// </summary>
    /// <param name="sessionWorkflowId">The conversation's id, as built by <see cref="Temporal.WorkflowIds.Session"/>.</param>
    public Task ForgetAsync(string sessionWorkflowId) => DeleteAsync(StaffKey(sessionWorkflowId));

    /// <summary>True when staff just started typing in this conversation (or Redis cannot tell): show the indicator.</summary>
    internal Task<bool> TryStartStaffTypingAsync(string sessionWorkflowId) => TryStartAsync(StaffKey(sessionWorkflowId));

    /// <remarks>When Redis cannot tell, better an indicator too many than none: the call it lets through is a single,
    /// idempotent one.</remarks>
    private Task<bool> TryStartAsync(string key) =>
        cache.ReadAsync(Use, db => db.StringSetAsync(key, "1", Window, When.NotExists), unavailable: true);

    private Task DeleteAsync(string key) => cache.WriteAsync(Use, db => db.KeyDeleteAsync(key));

    /// <summary>For the log when Redis fails; typing events are then passed on without the 25 s throttle.</summary>
    private const string Use = "typing state";

    private static string StaffKey(string sessionWorkflowId) => $"tb:typing:staff:{SessionIdHash.Of(sessionWorkflowId)}";
}
