namespace TemporalBridge.Sandbox.Meta;

/// <summary>The <c>MetaEmulator</c> section: who is "logged in to Facebook" in the dialog stand-in.</summary>
public sealed class MetaEmulatorOptions
{
    public const string Section = "MetaEmulator";

    /// <summary>The app-scoped id of the sandbox's Facebook user, the business owner going through the dialogs.</summary>
    public string UserId { get; set; } = "3000000000000001";

    /// <summary>The business portfolio the WhatsApp Business Account belongs to (Embedded Signup's FINISH names it).</summary>
    public string BusinessId { get; set; } = "4000000000000001";

    /// <summary>The bridge's Deauthorize callback, as the Meta app's Facebook Login settings name it.</summary>
    public string DeauthorizePath { get; set; } = "/meta/deauthorize";

    /// <summary>The bridge's Data Deletion callback, as the Meta app's settings name it.</summary>
    public string DataDeletionPath { get; set; } = "/meta/data-deletion";
}
