using System.Security.Cryptography;

namespace TemporalBridge.Sandbox.Vcita;

/// <summary>Random identifiers and secrets; uids are 16 lowercase hex characters, the length of vcita's.</summary>
public static class Uids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Random lowercase hex, twice <paramref name="bytes"/> characters long.</summary>
    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A channel's uid: a 36-character UUID (communication.json definitions.ChannelResponseEntity.properties.uid,
    /// and the <c>x-example</c> of paths./sessions.get.parameters[0]).</summary>
    public static string NewChannelUid() => Guid.NewGuid().ToString("D");

    /// <summary>An opaque URL-safe secret with a readable prefix, e.g. <c>app-…</c> for an app token.</summary>
    public static string Secret(string prefix) =>
        prefix + "-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
