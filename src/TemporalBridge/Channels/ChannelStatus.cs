namespace TemporalBridge.Channels;

/// <summary>
/// vcita's channel statuses and how a reported one changes the channel's. vcita's webhook carries no time or
/// sequence, so arrival order is all there is; the rules keep what arrival order cannot spoil: a channel never
/// goes back to <c>pending</c> once vcita has moved it on (an early <c>active</c> may overtake the create call's
/// <c>pending</c>), and <c>deleted</c> is final.
/// </summary>
public static class ChannelStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Blocked = "blocked";
    public const string Deleted = "deleted";
    public const string Error = "error";

    /// <summary>Before the VCS channel exists (not a vcita status).</summary>
    public const string Creating = "creating";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        Pending, Active, Inactive, Blocked, Deleted, Error,
    };

    public static string Next(string current, string reported) => (current, reported) switch
    {
        (Deleted, _) => Deleted,
        (_, _) when !Known.Contains(reported) => current,
        (Creating or Pending, _) => reported,
        (_, Pending) => current,
        _ => reported,
    };
}
