using System.Globalization;
using Microsoft.Extensions.Options;
using TemporalBridge.Channels;
using TemporalBridge.Privacy;
using TemporalBridge.Providers;

namespace TemporalBridge.Pacing;

/// <summary>
/// The providers' limits, as turns of a <see cref="RateGate"/>: each provider's pace per connected account (a WhatsApp
/// number, a Facebook Page) and, where it has one, per client (WhatsApp's "pair" limit), as its
/// <see cref="ProviderCapabilities.Pace"/> states them; and vcita's per access token. A turn further away than
/// <see cref="PacingOptions.MaxWait"/> is not waited for: the call fails as the provider's own refusal would, and
/// the retry that refusal gets brings it back later.
/// </summary>
public sealed class ProviderPacing(RateGate gate, IOptions<PacingOptions> settings)
{
    private PacingOptions Options => settings.Value;

    /// <summary>Before a message call (a send, a read receipt, a typing indicator) from <paramref name="accountId"/>.</summary>
    public async Task WaitForAccountAsync(string provider, string accountId, int messagesPerSecond, CancellationToken cancellationToken)
    {
        var turn = await gate.WaitForTurnAsync($"{provider}-account", accountId, Rate.PerSecond(messagesPerSecond), Options.MaxWait, cancellationToken);
        if (!turn.Granted)
        {
            throw new ProviderApiException(provider, ProviderFailure.Throttled, "paced",
                $"the account's pace ({messagesPerSecond}/s) has no turn for {Seconds(turn.Wait)} s; retried later");
        }
    }

    /// <summary>Before a message to <paramref name="clientId"/> from <paramref name="accountId"/>, at <paramref name="rate"/>.</summary>
    public async Task WaitForClientAsync(string provider, string accountId, string clientId, Rate rate, CancellationToken cancellationToken)
    {
        var turn = await gate.WaitForTurnAsync($"{provider}-pair", $"{accountId}/{ClientPseudonyms.Of(clientId)}", rate, Options.MaxWait, cancellationToken);
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
