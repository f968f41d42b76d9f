namespace TemporalBridge.Providers.Meta;

/// <summary>
/// A Meta webhook POST (WhatsApp's, Messenger's), before the handler: the body is read up to <see cref="MaxBodyBytes"/> (413 beyond, whatever
/// Content-Length says), its signature checked over the raw bytes (401 when missing or wrong, and nothing is parsed),
/// then parsed (400 naming the JSON path of the wrong field). Only a signed, well-formed payload reaches the handler.
/// Logs say why a request was refused, never what it held.
/// </summary>
internal sealed partial class SignedWebhookFilter<TBatch>(IMetaWebhookReader<TBatch> reader, ILogger<SignedWebhookFilter<TBatch>> logger)
    : IEndpointFilter
    where TBatch : class
{
    /// <summary>Meta's largest webhook: up to 1000 updates in at most 3 MB (WhatsApp's reference; Messenger's batches
    /// are smaller).</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = await ReadLimitedAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            LogRejected(ProviderNames.Title(reader.Provider), "body larger than the limit");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"A {ProviderNames.Title(reader.Provider)} webhook body must be at most {MaxBodyBytes} bytes.");
        }

        if (!WebhookSignature.IsValid(body, http.Request.Headers[WebhookSignature.Header], reader.AppSecret))
        {
            LogRejected(ProviderNames.Title(reader.Provider), http.Request.Headers.ContainsKey(WebhookSignature.Header) ? "signature does not match" : "signature missing");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Invalid signature",
                detail: $"{WebhookSignature.Header} must be sha256= and the HMAC-SHA256 of the body with the app secret.");
        }

        var (batch, problem) = reader.Read(body);
        if (problem is not null)
        {
            LogRejected(ProviderNames.Title(reader.Provider), $"{problem.Path} {problem.Problem}");
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [problem.Path] = [problem.Problem] },
                title: "The webhook payload has the wrong shape");
        }

        context.Arguments.OfType<SignedWebhook<TBatch>>().Single().Accept(batch!);
        return await next(context);
    }

    /// <summary>The body, or null when it is longer than the limit (whatever Content-Length claims, or without one).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var content = new MemoryStream(request.ContentLength is { } length ? (int)length : 16 * 1024);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > MaxBodyBytes)
            {
                return null;
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Provider} webhook: {Reason}")]
    private partial void LogRejected(string provider, string reason);
}
