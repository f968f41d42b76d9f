using System.Globalization;
using Microsoft.Extensions.Options;
using TemporalBridge.Channels;
using TemporalBridge.Providers;

namespace TemporalBridge.Pacing;

/// <summary>
/// The providers' limits, as turns of a <see cref="RateGate"/>: WhatsApp's throughput per business number and its
/// limit per client (the "pair"), and vcita's per access token. A turn further away than
/// <see cref="PacingOptions.MaxWait"/> is not waited for: the call fails as the provider's own refusal would, and
/// the retry that refusal gets brings it back later.
/// </summary>
public sealed class ProviderPacing(RateGate gate, IOptions<PacingOptions> settings)
{
    private PacingOptions Options => settings.Value;

    /// <summary>Before a Graph API message call from <paramref name="phoneNumberId"/>.</summary>
    public async Task WaitForWhatsAppNumberAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        var turn = await gate.WaitForTurnAsync("whatsapp-number", phoneNumberId, Rate.PerSecond(Options.WhatsAppMessagesPerSecond), Options.MaxWait, cancellationToken);
        if (!turn.Granted)
        {
            throw new ProviderApiException(ProviderNames.WhatsApp, ProviderFailure.Throttled, "paced",
                $"the number's pace ({Options.WhatsAppMessagesPerSecond}/s) has no turn for {Seconds(turn.Wait)} s; retried later");
        }
    }

    /// <summary>Before a message to <paramref name="clientId"/> from <paramref name="accountId"/>.</summary>
    public async Task WaitForClientAsync(string provider, string accountId, string clientId, CancellationToken cancellationToken)
    {
        var rate = new Rate(TimeSpan.FromSeconds(Options.WhatsAppPairIntervalSeconds), Options.WhatsAppPairBurst);
        var turn = await gate.WaitForTurnAsync($"{provider}-pair", $"{accountId}/{clientId}", rate, Options.MaxWait, cancellationToken);
        if (!turn.Granted)
        {
            throw new ProviderApiException(provider, ProviderFailure.PairRateLimited, "paced",
                $"messages to this client are paced (one every {Seconds(rate.Interval)} s after {rate.Burst}); the next turn is in {Seconds(turn.Wait)} s");
        }
    }

    /// <summary>Before a vcita API call made with <paramref name="accessToken"/>; false when it must not be made now.</summary>
    public async Task<Turn> WaitForVcitaTokenAsync(string accessToken, CancellationToken cancellationToken) =>
        await gate.WaitForTurnAsync("vcita-token", accessToken, Rate.PerSecond(Options.VcitaRequestsPerSecond), Options.MaxWait, cancellationToken);

    internal static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
