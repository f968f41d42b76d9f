using TemporalBridge.Pacing;

namespace TemporalBridge.Providers.WhatsApp.Graph;

/// <summary>
/// Paces the Graph API's message calls (<c>POST /{phone-number-id}/messages</c>: sends, read receipts, typing) by
/// their business number. Outermost of the Graph client's handlers, so a wait for a turn is not counted against the
/// call's own timeout.
/// Without <see cref="PacingExtensions.AddPacing"/> (a one-off command, a component test) nothing is paced.
/// </summary>
internal sealed class GraphPacingHandler(ProviderPacing? pacing) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (pacing is not null && request.Method == HttpMethod.Post && PhoneNumberId(request.RequestUri) is { } phoneNumberId)
        {
            await pacing.WaitForWhatsAppNumberAsync(phoneNumberId, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The number in <c>…/{phone-number-id}/messages</c> (Meta's ids are digits), or null for any other call.</summary>
    internal static string? PhoneNumberId(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 2 && segments[^1] == "messages" && segments[^2].All(char.IsAsciiDigit) ? segments[^2] : null;
    }
}
