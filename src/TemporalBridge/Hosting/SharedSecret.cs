using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace TemporalBridge.Hosting;

/// <summary>How a caller's secret is compared with the configured one, and where it may be presented.</summary>
public static class SharedSecret
{
    /// <summary>
    /// Constant time, and hashed first so both sides are the same length: the time taken leaks neither where the
    /// values first differ nor how long the secret is.
    /// </summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null && expected.Length > 0 && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header, if the request has one.</summary>
    public static string? BearerToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) &&
        header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;
}
