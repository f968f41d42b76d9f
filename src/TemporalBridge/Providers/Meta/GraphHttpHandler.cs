using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TemporalBridge.Providers.Meta;

/// <summary>
/// The one place where a Meta provider's Graph API answers are read (WhatsApp's Cloud API, Messenger's Send API): it
/// adds the bearer token, bounds each call with the configured timeout, and turns every failure (Meta's error body, a
/// timeout, no connection) into a <see cref="ProviderApiException"/> classified by the provider's own error table.
/// Exception messages name the call (method and path), the status and Meta's code and texts, never the token. A
/// cancellation the caller asked for stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <param name="provider">Whose calls these are, as in <see cref="ProviderNames"/>.</param>
/// <param name="classify">The provider's error table: Meta's code and subcode (when its body gave them) and the HTTP status.</param>
/// <param name="defaultToken">The token for accounts connected without their own (WhatsApp's global one), or empty.</param>
/// <param name="basePath">The base URL's path (e.g. <c>/v23.0</c>), cut from paths in messages.</param>
internal sealed class GraphHttpHandler(
    string provider, Func<GraphErrorCode, ProviderFailure> classify, string defaultToken, string basePath, TimeSpan timeout) : DelegatingHandler
{
    /// <summary>The request option a call sets to the connected account's own token (the Refit interfaces'
    /// <c>[Property]</c> parameters); without it the default token is used.</summary>
    public const string AccessTokenOption = "TemporalBridge.Meta.AccessToken";

    /// <summary>Meta's texts are echoed in exception messages; bound them so an echo cannot carry much.</summary>
    private const int MaxErrorTextLength = 200;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var accessToken = ((IDictionary<string, object?>)request.Options).TryGetValue(AccessTokenOption, out var own) && own is string { Length: > 0 } token
            ? token
            : defaultToken;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var call = $"{request.Method.Method} {RelativePath(request.RequestUri)}";

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage? response = null;
        byte[] body;
        try
        {
            response = await base.SendAsync(request, deadline.Token);
            // Read under the same deadline: headers followed by a stalled body are as stuck as no answer.
            body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new ProviderApiException(provider, ProviderFailure.Transient, "timeout",
                string.Create(CultureInfo.InvariantCulture, $"{ProviderNames.Title(provider)} did not answer {call} within {timeout.TotalSeconds:0.###} s"), exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            response?.Dispose();
            var reason = exception is HttpRequestException { HttpRequestError: var error } ? error.ToString() : exception.GetType().Name;
            throw new ProviderApiException(provider, ProviderFailure.Transient, "unreachable",
                $"{ProviderNames.Title(provider)} could not be reached for {call} ({reason})", exception);
        }
        catch
        {
            response?.Dispose();
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw Failure(call, status, ReadError(body), accessToken);
        }

        // The body was read to bound it by the deadline; hand the same bytes on for Refit to deserialize.
        var content = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content.Dispose();
        response.Content = content;
        return response;
    }

    private string RelativePath(Uri? uri)
    {
        var path = uri?.AbsolutePath ?? "";
        return basePath.Length > 1 && path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : path;
    }

    private static GraphError? ReadError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, GraphErrorJsonContext.Default.GraphErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            // Not Meta's error body (a proxy's HTML page): the status alone decides.
            return null;
        }
    }

    private ProviderApiException Failure(string call, int status, GraphError? error, string accessToken)
    {
        var kind = classify(new GraphErrorCode(error?.Code, error?.ErrorSubcode, status));
        var code = error?.Code is { } known
            ? known.ToString(CultureInfo.InvariantCulture) + (error.ErrorSubcode is { } sub ? string.Create(CultureInfo.InvariantCulture, $"/{sub}") : "")
            : $"http_{status}";
        var details = string.Join(" ", new[] { Clean(error?.Message, accessToken), Clean(error?.ErrorData?.Details, accessToken) }.Where(text => text.Length > 0));
        var trace = string.IsNullOrEmpty(error?.FbtraceId) ? "" : $" [fbtrace_id {Clean(error.FbtraceId, accessToken)}]";
        var verb = kind == ProviderFailure.Transient ? "failed" : "rejected";
        return new ProviderApiException(provider, kind, code,
            $"{ProviderNames.Title(provider)} {verb} {call} ({status}, code {code}): {(details.Length == 0 ? "no error details" : details)}{trace}");
    }

    /// <summary>Bounded, and without the token should Meta ever echo it back.</summary>
    private static string Clean(string? text, string accessToken)
    {
        text ??= "";
        if (accessToken.Length > 0)
        {
            text = text.Replace(accessToken, "[redacted]", StringComparison.Ordinal);
        }

        return text.Length <= MaxErrorTextLength ? text : string.Concat(text.AsSpan(0, MaxErrorTextLength), "…");
    }
}
