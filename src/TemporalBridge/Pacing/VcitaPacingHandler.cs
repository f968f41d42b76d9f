using TemporalBridge.Vcita;

namespace TemporalBridge.Pacing;

/// <summary>
/// Paces vcita API calls by the access token they carry (vcita throttles per token). Outermost of a vcita client's
/// handlers, so a wait for a turn is not counted against the call's own timeout. A call without a token (the OAuth
/// code exchange) is not paced.
/// Without <see cref="PacingExtensions.AddPacing"/> (a one-off command, a component test) nothing is paced.
/// </summary>
internal sealed class VcitaPacingHandler(ProviderPacing? pacing) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (pacing is not null && request.Headers.Authorization?.Parameter is { Length: > 0 } token)
        {
            var turn = await pacing.WaitForVcitaTokenAsync(token, cancellationToken);
            if (!turn.Granted)
            {
                // Transient, as vcita's own 429 would be: the activity's retry policy brings the call back later.
                throw new VcitaApiException(VcitaFailure.Transient, null, [],
                    $"vcita calls with this token are paced; the next turn is in {ProviderPacing.Seconds(turn.Wait)} s");
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
