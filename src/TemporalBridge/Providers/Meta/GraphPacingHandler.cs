using TemporalBridge.Pacing;

namespace TemporalBridge.Providers.Meta;

/// <summary>
/// Paces a Meta provider's message calls (<c>POST /{account-id}/messages</c>: WhatsApp's from a business number,
/// Messenger's from a Page; sends, read receipts, typing) by the account, at the provider's
/// <see cref="ProviderPace.MessagesPerSecond"/>. Outermost of the client's handlers, so a wait for a turn is not
/// counted against the call's own timeout.
/// Without <see cref="PacingExtensions.AddPacing"/> (a one-off command, a component test) nothing is paced.
/// </summary>
internal sealed class GraphPacingHandler(ProviderPacing? pacing, IMessagingProvider provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (pacing is not null && request.Method == HttpMethod.Post && AccountId(request.RequestUri) is { } accountId)
        {
            await pacing.WaitForAccountAsync(provider.Name, accountId, provider.Capabilities.Pace.MessagesPerSecond, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The account in <c>…/{account-id}/messages</c> (Meta's ids are digits), or null for any other call.</summary>
    internal static string? AccountId(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 2 && segments[^1] == "messages" && segments[^2].All(char.IsAsciiDigit) ? segments[^2] : null;
    }
}
