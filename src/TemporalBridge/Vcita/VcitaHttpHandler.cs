using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TemporalBridge.Vcita;

/// <summary>
/// The one place where vcita's answers are read, for every vcita client: it bounds each call with the configured
/// timeout, unwraps the <c>data</c> of both envelopes vcita publishes so the Refit interfaces return it itself, and
/// turns every failure (either error envelope, OAuth's error, a timeout, no connection) into a
/// <see cref="VcitaApiException"/>. A cancellation the caller asked for stays an <see cref="OperationCanceledException"/>.
/// The envelopes (vcita/developers-hub):
/// <list type="bullet">
/// <item>the Communication Service: <c>{"success": true, "data": …}</c>, failing as
/// <c>{"success": false, "errors": [{"code", "message"}]}</c> (swagger/communication/legacy/communication.json,
/// definitions.Response and ErrorResponse);</item>
/// <item>the platform API: <c>{"data": …, "status": "OK"}</c>, failing as <c>{"status": "Error", "error": "…"}</c>
/// (swagger/apps/legacy/legacy_v1_apps.json paths./apps.post.responses.201.examples,
/// swagger/clients/legacy/legacy_v1_clients.json paths./clients/{client_id}/payments.get.responses.422.examples);
/// some of its older endpoints answer in the first kind;</item>
/// <item>OAuth: the token itself, failing as <c>{"error", "error_description"}</c>
/// (swagger/platform_administration/legacy/oauth.json paths./token.post.responses).</item>
/// </list>
/// </summary>
/// <param name="basePath">The client's base path (e.g. <c>/business/communication</c>), cut from the path in error
/// messages so they read like the facts sheet: "POST /channels".</param>
internal sealed class VcitaHttpHandler(string basePath, TimeSpan timeout) : DelegatingHandler
{
    /// <summary>vcita's texts are echoed in exception messages; bound them so an echo cannot carry much.</summary>
    private const int MaxErrorTextLength = 200;

    /// <summary>OAuth errors about the client's credentials or grant: another token will not help, a fix will.</summary>
    private static readonly HashSet<string> CredentialErrors = new(StringComparer.OrdinalIgnoreCase)
    {
        "invalid_client", "invalid_grant", "invalid_request", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = new Call(request.Method.Method, RelativePath(request.RequestUri!), request.Headers.Authorization?.Parameter);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage? response = null;
        byte[] body;
        try
        {
            response = await base.SendAsync(request, deadline.Token);
            // The whole body is read under the same deadline: a server that sends headers and then stalls is as
            // stuck as one that never answers.
            body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new VcitaApiException(VcitaFailure.Transient, null, [],
                $"vcita did not answer {call} within {timeout.TotalSeconds:0.###} s", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            response?.Dispose();
            var reason = exception is HttpRequestException { HttpRequestError: var error } ? error.ToString() : exception.GetType().Name;
            throw new VcitaApiException(VcitaFailure.Transient, null, [],
                $"vcita could not be reached for {call} ({reason})", exception);
        }
        catch
        {
            response?.Dispose();
            throw;
        }

        var status = (int)response.StatusCode;
        using var json = TryParse(body);
        var root = json?.RootElement;
        var envelope = root is { ValueKind: JsonValueKind.Object } ? root.Value : (JsonElement?)null;
        var kind = envelope is { } answer ? Envelope.Of(answer) : EnvelopeKind.None;

        if (!response.IsSuccessStatusCode || kind == EnvelopeKind.Failure)
        {
            response.Dispose();
            throw Failure(call, status, response.IsSuccessStatusCode, ReadErrors(envelope, call.Token));
        }

        if (kind == EnvelopeKind.Success && envelope!.Value.TryGetProperty("data", out var data))
        {
            Replace(response, Encoding.UTF8.GetBytes(data.GetRawText()));
        }

        return response;
    }

    private enum EnvelopeKind
    {
        /// <summary>No envelope: OAuth's answers, or a body that is not a JSON object.</summary>
        None,
        Success,
        Failure,
    }

    private static class Envelope
    {
        /// <summary>
        /// <c>success</c> decides where it is a boolean; else <c>status</c> where it is a string ("OK" succeeds, "Error"
        /// or anything else fails). A body with neither is no envelope.
        /// </summary>
        public static EnvelopeKind Of(JsonElement body)
        {
            if (body.TryGetProperty("success", out var success) && success.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return success.ValueKind == JsonValueKind.True ? EnvelopeKind.Success : EnvelopeKind.Failure;
            }

            if (body.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
            {
                return status.ValueEquals("OK") ? EnvelopeKind.Success : EnvelopeKind.Failure;
            }

            return EnvelopeKind.None;
        }
    }

    /// <summary>Every request of the client is under its base path (its base address has it).</summary>
    private string RelativePath(Uri uri) =>
        uri.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal) ? uri.AbsolutePath[basePath.Length..] : uri.AbsolutePath;

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Empty, or not JSON (a proxy's HTML error page, an empty "OK"): the status alone decides.
            return null;
        }
    }

    private static void Replace(HttpResponseMessage response, byte[] content)
    {
        // JSON is UTF-8 (RFC 8259), so no charset is needed to read it.
        var replacement = new ByteArrayContent(content);
        replacement.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        response.Content.Dispose();
        response.Content = replacement;
    }

    /// <summary>vcita's <c>errors[]{code, message}</c>, the platform's <c>{status: "Error", error}</c>, or OAuth's
    /// <c>{error, error_description}</c>.</summary>
    private static List<VcitaError> ReadErrors(JsonElement? envelope, string? token)
    {
        var errors = new List<VcitaError>();
        if (envelope is not { } body)
        {
            return errors;
        }

        if (body.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    errors.Add(Error(Text(item, "code"), Text(item, "message"), token));
                }
                else if (item.ValueKind == JsonValueKind.String)
                {
                    errors.Add(Error("", item.GetString(), token));
                }
            }
        }
        else if (Text(body, "error") is { } error && Text(body, "status") is not null)
        {
            // The platform's error is a sentence, not a code.
            errors.Add(Error("", error, token));
        }
        else if (Text(body, "error") is { } oauthError)
        {
            errors.Add(Error(oauthError, Text(body, "error_description"), token));
        }
        else if (Text(body, "message") is { } message)
        {
            errors.Add(Error("", message, token));
        }

        return errors;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static VcitaError Error(string? code, string? message, string? token) =>
        new(Clean(code, token), Clean(message, token));

    /// <summary>Bounded, and without the call's own bearer token should vcita ever echo it back.</summary>
    private static string Clean(string? text, string? token)
    {
        text ??= "";
        if (!string.IsNullOrEmpty(token))
        {
            text = text.Replace(token, "[redacted]", StringComparison.Ordinal);
        }

        return text.Length <= MaxErrorTextLength ? text : string.Concat(text.AsSpan(0, MaxErrorTextLength), "…");
    }

    private static VcitaApiException Failure(Call call, int status, bool successStatus, List<VcitaError> errors)
    {
        var kind = Classify(status, successStatus, errors);
        var details = errors.Count == 0 ? "no error details" : string.Join("; ", errors);
        var verb = kind == VcitaFailure.Transient ? "failed" : "rejected";
        return new VcitaApiException(kind, status, errors, $"vcita {verb} {call} ({status}): {details}");
    }

    private static VcitaFailure Classify(int status, bool successStatus, List<VcitaError> errors)
    {
        if (status is 408 or 429 or >= 500)
        {
            return VcitaFailure.Transient;
        }

        if (errors.Any(error => CredentialErrors.Contains(error.Code)))
        {
            return VcitaFailure.Permanent;
        }

        if (status == 401 || (successStatus && errors.Any(error => error.Code == "unauthorized")))
        {
            return VcitaFailure.TokenRejected;
        }

        if ((status is 409 or 422 || successStatus) && errors.Any(SaysAlreadyExists))
        {
            return VcitaFailure.AlreadyExists;
        }

        // A 2xx with "success": false is undocumented; vcita's own codes say whether trying again can help.
        if (successStatus && errors.Any(error => error.Code is "timeout" or "unexpected"))
        {
            return VcitaFailure.Transient;
        }

        return VcitaFailure.Permanent;
    }

    private static bool SaysAlreadyExists(VcitaError error) =>
        error.Code is "already_exists" or "duplicate"
        || error.Message.Contains("already exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>A call as error messages name it. The token is kept only to scrub it from vcita's texts.</summary>
    private sealed record Call(string Method, string Path, string? Token)
    {
        public override string ToString() => $"{Method} {Path}";
    }
}
