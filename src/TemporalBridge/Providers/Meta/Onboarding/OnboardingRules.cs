using System.Text.RegularExpressions;

namespace TemporalBridge.Providers.Meta.Onboarding;

/// <summary>The shapes of what Meta's dialogs give the connect page, checked before Meta is asked.</summary>
public static partial class OnboardingRules
{
    /// <summary>A dialog's code or a user token: opaque to the bridge, URL-safe, bounded.</summary>
    public static string? CheckOpaque(string value) =>
        OpaquePattern().IsMatch(value) ? null : "must be what Meta's dialog gave: 8–2048 letters, digits or . _ - ~ + / = | # characters";

    /// <summary>A Graph id: digits.</summary>
    public static string? CheckGraphId(string value) =>
        GraphIdPattern().IsMatch(value) ? null : "must be 1–32 digits (a Graph API id)";

    [GeneratedRegex(@"^[A-Za-z0-9._~+/=|#-]{8,2048}\z")]
    private static partial Regex OpaquePattern();

    [GeneratedRegex(@"^[0-9]{1,32}\z")]
    private static partial Regex GraphIdPattern();
}
