using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Sandbox.Meta;

/// <summary>The bridge's answer to one of Meta's app-removal callbacks, as the sandbox got it.</summary>
/// <param name="StatusCode">Null when the bridge did not answer.</param>
/// <param name="Body">What it answered (for data deletion, <c>{url, confirmation_code}</c>).</param>
public sealed record AppRemovalAnswer(int? StatusCode, string? Body);

/// <summary>
/// Meta's side of a person removing an app (developers.facebook.com/docs/facebook-login/guides/advanced/deauthorize-callback)
/// or asking for their data to be deleted (developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback):
/// the app's grants for the person end, and the app's callback URL gets a form POST with <c>signed_request</c>, the
/// base64url HMAC-SHA256 signature (with the app's secret) of the base64url JSON payload
/// <c>{algorithm, expires, issued_at, user_id}</c>. The callback URLs are the bridge's, as the Meta app's settings
/// would name them.
/// </summary>
public sealed class AppRemovalCalls(
    MetaLogins logins, IServiceProvider services, IHttpClientFactory httpClients, IOptions<MetaEmulatorOptions> options, IOptions<SandboxOptions> sandbox, TimeProvider time)
{
    public const string HttpClientName = "meta-callbacks";

    /// <summary>The person removes <paramref name="provider"/>'s app; answers the bridge's answer to the deauthorize callback.</summary>
    public Task<AppRemovalAnswer> DeauthorizeAsync(string provider, CancellationToken aborted) =>
        CallAsync(provider, options.Value.DeauthorizePath, aborted);

    /// <summary>The person removes the app and asks Meta to have their data deleted.</summary>
    public Task<AppRemovalAnswer> DataDeletionAsync(string provider, CancellationToken aborted) =>
        CallAsync(provider, options.Value.DataDeletionPath, aborted);

    /// <summary>A <c>signed_request</c> for the sandbox's person, signed with <paramref name="secret"/>.</summary>
    public string SignedRequest(string secret)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(
            new SignedRequestPayload("HMAC-SHA256", now + 3600, now, options.Value.UserId), MetaJsonContext.Default.SignedRequestPayload));
        var signature = WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(payload)));
        return $"{signature}.{payload}";
    }

    private async Task<AppRemovalAnswer> CallAsync(string provider, string path, CancellationToken aborted)
    {
        var (appId, secret) = OnboardingGraphApi.App(provider, services);
        logins.RevokeApp(appId, options.Value.UserId);
        var url = new Uri(sandbox.Value.BridgeBaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/') + path);
        using var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.PostAsync(url, new FormUrlEncodedContent([new("signed_request", SignedRequest(secret))]), aborted);
            return new AppRemovalAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(aborted));
        }
        catch (HttpRequestException)
        {
            return new AppRemovalAnswer(null, null);
        }
    }
}
