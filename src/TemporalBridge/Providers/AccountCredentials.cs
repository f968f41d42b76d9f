using System.Text.Json.Serialization;

namespace TemporalBridge.Providers;

/// <summary>
/// What a provider's API takes to act for one connected account: its access token (a WhatsApp business token, a
/// Facebook Page token). Held only by the account's channel workflow, whose history and query answers the payload
/// codec encrypts; never in logs, Redis or settings. Connecting the account again replaces it.
/// </summary>
public sealed record ProviderCredentials([property: JsonPropertyName("access_token")] string AccessToken)
{
    /// <summary>The PIN the bridge registered the account with (WhatsApp's two-step verification PIN): registering
    /// again, after a reconnection, must give the same one.</summary>
    [JsonPropertyName("registration_pin")]
    public string? RegistrationPin { get; init; }

    /// <summary>The bridge subscribed its app to the account's webhooks when the business connected it: disconnecting
    /// unsubscribes it. An account an operator connected by hand was subscribed by the operator, and stays so.</summary>
    [JsonPropertyName("subscribed")]
    public bool Subscribed { get; init; }

    /// <summary>A pseudonym of the provider's person who granted the token on the connect page: when that person removes
    /// the app or asks for their data to be deleted, the provider names them, and their channels are found by it.</summary>
    [JsonPropertyName("connected_by")]
    public string? ConnectedBy { get; init; }

    /// <summary>A record prints its values: this one would print the token into any log line that formats it.</summary>
    public override string ToString() => $"ProviderCredentials {{ AccessToken = [redacted], Subscribed = {Subscribed} }}";
}

/// <summary>Where a provider's client finds a connected account's own credentials (the channel workflows).</summary>
public interface IAccountCredentials
{
    /// <summary>The account's credentials; null when it was connected without any, or is not connected.</summary>
    Task<ProviderCredentials?> FindAsync(string provider, string accountId, CancellationToken cancellationToken);

    /// <summary>The provider rejected what <see cref="FindAsync"/> gave: ask the channel again next time.</summary>
    void Forget(string provider, string accountId);
}

public static class AccountCredentialsExtensions
{
    /// <summary>Makes a call with the account's own token (null: none, the client's default); a token the provider
    /// rejects is asked of the channel again next time, so an account connected again with a new one goes on at once.</summary>
    public static async Task<T> WithTokenAsync<T>(
        this IAccountCredentials credentials, string provider, string accountId, Func<string?, Task<T>> call, CancellationToken cancellationToken)
    {
        var token = (await credentials.FindAsync(provider, accountId, cancellationToken))?.AccessToken;
        try
        {
            return await call(token);
        }
        catch (ProviderApiException e) when (e.Kind == ProviderFailure.TokenRejected)
        {
            credentials.Forget(provider, accountId);
            throw;
        }
    }
}
