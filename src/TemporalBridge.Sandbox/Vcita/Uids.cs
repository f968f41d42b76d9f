using System.Security.Cryptography;

namespace TemporalBridge.Sandbox.Vcita;

/// <summary>Random identifiers and secrets; uids are 16 lowercase hex characters, the length of vcita's.</summary>
public static class Uids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>An opaque URL-safe secret with a readable prefix, e.g. <c>app-…</c> for an app token.</summary>
    public static string Secret(string prefix) =>
        prefix + "-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
