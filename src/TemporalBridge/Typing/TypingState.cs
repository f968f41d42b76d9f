using StackExchange.Redis;
using TemporalBridge.Redis;

namespace TemporalBridge.Typing;

/// <summary>
/// Whether the business's typing indicator is showing, per conversation, as a Redis key that lives as long as the
/// indicator does (<c>SET NX EX</c>): only the event that creates the key is passed on, so staff's stream of
/// "typing" events costs one provider call per window (the provider's <see cref="Providers.TypingIndicator.ShownFor"/>).
/// The keys are keyed by the conversation's session
/// workflow id (hashed, see <see cref="SessionIdHash"/>), so the outbound send can forget the business's indicator
/// with the id it already has. Redis is only a throttle here: when it is down every event is passed on.
/// </summary>
public sealed class TypingState(CacheCall cache)
{
    /// <summary>
    /// Forgets that the business is shown typing to the client of this conversation, so the next "typing" from
    /// staff shows the indicator again. Call it after a message was sent to the client: the providers hide the
    /// indicator when the business replies. Never throws for Redis: a key that stays only holds the next indicator
    /// back until it expires.
    /// </summary>
    /// <param name="sessionWorkflowId">The conversation's id, as built by <see cref="Temporal.WorkflowIds.Session"/>.</param>
    /// <returns>Whether the indicator was showing (or Redis cannot tell), so it may need hiding.</returns>
    public Task<bool> ForgetAsync(string sessionWorkflowId) =>
        cache.ReadAsync(Use, async db => await db.KeyDeleteAsync(StaffKey(sessionWorkflowId)), unavailable: true);

    /// <summary>True when staff just started typing in this conversation (or Redis cannot tell): show the indicator,
    /// which the provider shows for <paramref name="shownFor"/>.</summary>
    /// <remarks>When Redis cannot tell, better an indicator too many than none: the call it lets through is a single,
    /// idempotent one.</remarks>
    internal Task<bool> TryStartStaffTypingAsync(string sessionWorkflowId, TimeSpan shownFor) =>
        cache.ReadAsync(Use, db => db.StringSetAsync(StaffKey(sessionWorkflowId), "1", shownFor, When.NotExists), unavailable: true);

    /// <summary>For the log when Redis fails; typing events are then passed on without the throttle.</summary>
    private const string Use = "typing state";

    private static string StaffKey(string sessionWorkflowId) => $"tb:typing:staff:{SessionIdHash.Of(sessionWorkflowId)}";
}
