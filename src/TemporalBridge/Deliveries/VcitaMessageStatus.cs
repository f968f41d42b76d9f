namespace TemporalBridge.Deliveries;

/// <summary>
/// vcita's statuses of a message the bridge handed to it, and the forward-only rule: a late or duplicate report
/// never moves a message back (a <c>received</c> after <c>read</c> changes nothing); <c>error</c> and
/// <c>unavailable</c> end it from any point.
/// </summary>
public static class VcitaMessageStatus
{
    public const string Pending = "pending";
    public const string ChannelPending = "channel_pending";
    public const string Sent = "sent";
    public const string Received = "received";
    public const string Read = "read";
    public const string Error = "error";
    public const string Unavailable = "unavailable";

    private static readonly string[] Forward = [Pending, ChannelPending, Sent, Received, Read];

    public static bool IsFinal(string status) => status is Read or Error or Unavailable;

    /// <summary>The status after <paramref name="reported"/> arrives in <paramref name="current"/>.</summary>
    public static string Next(string current, string reported)
    {
        if (IsFinal(current))
        {
            return current;
        }
        if (reported is Error or Unavailable)
        {
            return reported;
        }
        var from = Array.IndexOf(Forward, current);
        var to = Array.IndexOf(Forward, reported);
        return to > from ? reported : current;
    }
}
