using System.Text.Json.Serialization;
using Refit;

namespace TemporalBridge.Providers.Meta;

/// <summary>How a Meta provider's Refit clients read and fail: source-generated JSON, and the
/// <see cref="GraphHttpHandler"/>'s failures passed through as it made them (Refit would otherwise wrap them).</summary>
internal static class GraphRefitSettings
{
    /// <param name="unreadable">What a 2xx the bridge cannot read counts as: for onboarding calls, which change nothing
    /// a retry could double, Meta's side failing for now.</param>
    public static RefitSettings For(string provider, JsonSerializerContext json, ProviderFailure unreadable = ProviderFailure.BadRequest)
    {
        var settings = RefitSettings.ForJsonContext(json);
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        // A 2xx the bridge cannot read: the call may well have taken effect (a message sent), so retrying it could
        // send twice. It is not transient; an operator sees it.
        settings.DeserializationExceptionFactory = (response, exception) => ValueTask.FromResult<Exception?>(
            new ProviderApiException(provider, unreadable, "unreadable_answer",
                $"{ProviderNames.Title(provider)} answered {response.RequestMessage?.Method} with {(int)response.StatusCode} and a body the bridge cannot read",
                exception));
        return settings;
    }
}
