using System.Text.Json.Serialization;

namespace TemporalBridge.Providers;

/// <summary>
/// What a provider's API takes to act for one connected account: its access token (a WhatsApp business token, a
/// Facebook Page token). Held only by the account's channel workflow, whose history and query answers the payload
/// codec encrypts; never in logs, Redis or settings. Connecting the account again replaces it.
/// </summary>
public sealed record ProviderCredentials([property: JsonPropertyName("access_token")] string AccessToken)
{
    /// <summary>A record prints its values: this one would print the token into any log line that formats it.</summary>
    public override string ToString() => "ProviderCredentials { AccessToken = [redacted] }";
}

/// <summary>Where a provider's client finds a connected account's own credentials (the channel workflows).</summary>
public interface IAccountCredentials
{
    /// <summary>The account's credentials; null when it was connected without any, or is not connected.</summary>
    Task<ProviderCredentials?> FindAsync(string provider, string accountId, CancellationToken cancellationToken);

    /// <summary>The provider rejected what <see cref="FindAsync"/> gave: ask the channel again next time.</summary>
    void Forget(string provider, string accountId);
}
