using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;

namespace TemporalBridge.Vcita;

/// <summary>
/// Renews an app token when less than a safety margin of its lifetime is left (5 minutes, or a tenth of the
/// lifetime for short-lived tokens), so a call never starts with a token about to expire. One caller renews per
/// app at a time; the others wait for it and take its token. The OAuth client is resolved per renewal so that
/// HttpClientFactory can still rotate its handlers under this long-lived singleton.
/// </summary>
internal sealed partial class VcitaAppTokens(
    IServiceProvider services,
    IOptions<VcitaOptions> options,
    TimeProvider time,
    ILogger<VcitaAppTokens> logger) : IVcitaAppTokens
{
    /// <summary>vcita documents expires_in 3600; an answer without it is taken to mean that.</summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private static readonly TimeSpan MaxMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, App> apps = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<string> GetAsync(string provider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        var app = apps.GetOrAdd(provider, _ => new App());
        if (Volatile.Read(ref app.Token) is { } cached && time.GetUtcNow() < cached.RenewAt)
        {
            return cached.Value;
        }

        await app.Renewal.WaitAsync(cancellationToken);
        try
        {
            // Callers that waited find the token the renewing caller just stored.
            var current = Volatile.Read(ref app.Token);
            if (current is not null && time.GetUtcNow() < current.RenewAt)
            {
                return current.Value;
            }

            try
            {
                var renewed = await RenewAsync(provider, cancellationToken);
                Volatile.Write(ref app.Token, renewed);
                return renewed.Value;
            }
            catch (VcitaApiException exception) when (exception.Kind == VcitaFailure.Transient
                && current is not null && time.GetUtcNow() < current.ExpiresAt)
            {
                // Renewal starts before expiry precisely so that a vcita hiccup here costs nothing yet.
                LogRenewalPostponed(logger, provider, exception.Message);
                return current.Value;
            }
        }
        finally
        {
            app.Renewal.Release();
        }
    }

    public void Invalidate(string provider, string rejectedToken)
    {
        if (apps.TryGetValue(provider, out var app) && Volatile.Read(ref app.Token) is { } current && current.Value == rejectedToken)
        {
            // Compare-and-swap: a token renewed since the caller read it stays.
            Interlocked.CompareExchange(ref app.Token, null, current);
        }
    }

    public void Invalidate(string provider)
    {
        if (apps.TryGetValue(provider, out var app))
        {
            Volatile.Write(ref app.Token, null);
        }
    }

    private async Task<CachedToken> RenewAsync(string provider, CancellationToken cancellationToken)
    {
        var credentials = options.Value.Apps.GetValueOrDefault(provider) ?? new VcitaAppOptions();
        if (credentials.MissingKeys(provider).Any())
        {
            var id = RequiredSettingAttribute.ToEnvironmentVariable(VcitaAppOptions.Key(provider, nameof(VcitaAppOptions.ClientId)));
            var secret = RequiredSettingAttribute.ToEnvironmentVariable(VcitaAppOptions.Key(provider, nameof(VcitaAppOptions.ClientSecret)));
            throw new InvalidOperationException(
                $"No vcita app is configured for provider '{provider}': set {id} and {secret} " +
                "to the client_id and client_secret vcita gave the app when it was created.");
        }

        // Counted from before the request, so the cached expiry is never later than vcita's.
        var asked = time.GetUtcNow();
        var oauth = services.GetRequiredService<IVcitaOAuthApi>();
        var token = await oauth.GetServiceTokenAsync(new VcitaServiceTokenRequest(credentials.ClientId, credentials.ClientSecret), cancellationToken);
        if (string.IsNullOrEmpty(token.AccessToken))
        {
            throw new VcitaApiException(VcitaFailure.Permanent, null, [], "vcita answered POST /oauth/service/token without an access_token");
        }

        var lifetime = token.ExpiresIn is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
        var margin = TimeSpan.FromTicks(Math.Min(MaxMargin.Ticks, lifetime.Ticks / 10));
        LogRenewed(logger, provider, lifetime);
        return new CachedToken(token.AccessToken, asked + lifetime - margin, asked + lifetime);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewed the vcita app token of {Provider}; it is valid for {Lifetime}")]
    private static partial void LogRenewed(ILogger logger, string provider, TimeSpan lifetime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the vcita app token of {Provider}, using the current one until it expires: {Reason}")]
    private static partial void LogRenewalPostponed(ILogger logger, string provider, string reason);

    /// <summary>One provider's app: its token and the lock that lets one caller at a time renew it.</summary>
    private sealed class App
    {
        public readonly SemaphoreSlim Renewal = new(1, 1);

        // A field, for Interlocked; read and written through Volatile so callers outside the lock see a renewal at once.
        public CachedToken? Token;
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"[redacted token] renew at {RenewAt:O}";
    }
}
