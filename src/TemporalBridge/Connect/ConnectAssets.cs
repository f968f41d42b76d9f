using System.Collections.Frozen;
using System.Security.Cryptography;

namespace TemporalBridge.Connect;

/// <summary>
/// The connect page's script and style, embedded in the assembly and served from memory under
/// <c>/connect/assets/</c>. Each URL carries a hash of its file, so a browser may keep it for a year and a new
/// version is a new URL.
/// </summary>
public static class ConnectAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType, string Version)> Files = Load();

    public static string Url(string file) => $"{ConnectApi.Path}/assets/{file}?v={Files[file].Version}";

    public static void MapConnectAssets(this IEndpointRouteBuilder routes) =>
        routes.MapGet($"{ConnectApi.Path}/assets/{{file}}", (string file, HttpContext http) =>
        {
            if (!Files.TryGetValue(file, out var asset))
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(asset.Bytes, asset.ContentType);
        }).ExcludeFromDescription();

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(ConnectAssets).Assembly;
        const string prefix = "Connect.Assets.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[prefix.Length..], name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                var type = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
                return (bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
            }, StringComparer.Ordinal);
    }
}
