namespace TemporalBridge.Vcita;

/// <summary>
/// The communication app's own token (the "app token"), one per provider's app: <c>whatsapp</c>, later
/// <c>messenger</c>. Cached in memory until shortly before it expires; never logged, never stored elsewhere.
/// </summary>
public interface IVcitaAppTokens
{
    /// <summary>
    /// The provider's cached app token, or a new one when it is missing or about to expire. Concurrent callers
    /// share one renewal. Fails with <see cref="VcitaApiException"/> when vcita refuses or cannot be reached, and
    /// with <see cref="InvalidOperationException"/> naming the settings when the provider's app is not configured.
    /// </summary>
    ValueTask<string> GetAsync(string provider, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the cached token after vcita rejected it (<see cref="VcitaFailure.TokenRejected"/>), but only if it is
    /// still <paramref name="rejectedToken"/>: when many calls fail with the same old token, the token another
    /// caller has already renewed survives, so a burst of 401s causes one renewal, not one each.
    /// </summary>
    void Invalidate(string provider, string rejectedToken);

    /// <summary>Drops the cached token unconditionally; the next <see cref="GetAsync"/> asks vcita for a new one.</summary>
    void Invalidate(string provider);
}
