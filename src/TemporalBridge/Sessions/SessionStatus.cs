namespace TemporalBridge.Sessions;

/// <summary>A VCS session's statuses (vcita's list), plus <see cref="None"/> before the bridge has one.</summary>
public static class SessionStatus
{
    public const string None = "none";
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Deleted = "deleted";
    public const string Failed = "failed";

    /// <summary>A session in this status cannot be used again: the next client message opens a new one.</summary>
    public static bool IsOver(string status) => status is None or Deleted or Failed;
}
