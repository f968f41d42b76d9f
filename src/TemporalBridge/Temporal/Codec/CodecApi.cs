using Google.Protobuf;
using Microsoft.AspNetCore.Http.HttpResults;
using Temporalio.Api.Common.V1;

namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// Temporal's remote codec protocol, so the Temporal UI (and <c>temporal workflow show --codec-endpoint</c>) can
/// show the bridge's encrypted payloads: <c>POST /codec/decode</c> and <c>POST /codec/encode</c> take and answer
/// <c>{"payloads":[…]}</c>, each payload in the proto3 JSON form of <c>temporal.api.common.v1.Payload</c>. The CLI's
/// per-namespace form of the endpoint (<c>--codec-endpoint https://host/codec/{namespace}</c>) reaches
/// <c>/codec/{namespace}/decode</c>: the same keys serve every namespace. The UI's <c>/download</c> (for payloads kept in
/// external storage, which the bridge does not use) is answered 404 with the CORS headers the UI can read.
/// </summary>
/// <remarks>
/// <para>
/// How an operator "holds the key": the key never leaves the bridge; the operator holds access to this endpoint.
/// The browser running the Temporal UI calls it directly (the Temporal server never does), so it only has to be
/// reachable from operators' machines. It is off unless <c>Temporal__Codec__Enabled</c> is true (Development turns
/// it on), and outside Development it cannot be enabled without <c>Temporal__Codec__AccessToken</c>: then every
/// call must carry <c>Authorization: Bearer &lt;token&gt;</c>, compared in constant time. The Temporal CLI sends it
/// with <c>--codec-auth</c>. The UI only forwards its own OIDC login token, never a fixed one, so in production the
/// UI reaches /codec through the operators' single sign-on proxy, which checks who they are and adds the header —
/// the token then lives in the proxy and the bridge, never in a browser. A decrypting endpoint open to anyone who
/// can reach it, in production, is what this refuses to start with.
/// </para>
/// <para>
/// Payload contents are never logged: failures are logged and answered with the key id and the reason only.
/// </para>
/// </remarks>
public static partial class CodecApi
{
    public const string Path = "/codec";
    internal const string CorsPolicy = "temporal-codec";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>
    /// Takes <see cref="WebApplication"/> rather than a route builder because the UI calls from its own origin: this
    /// also adds the CORS middleware, between routing and the endpoints where it can see which endpoints have a
    /// policy. Only these do, so nothing else in the service answers cross-origin requests.
    /// </summary>
    public static RouteGroupBuilder MapTemporalCodec(this WebApplication app)
    {
        var group = app.MapGroup(Path)
            .WithTags("Temporal codec")
            .RequireCors(CorsPolicy)
            // No early body limit here: a disabled endpoint must answer 404 whatever is sent. Kestrel's limit is the
            // codec's own (BodyLimits.LargestBody), and the reader below enforces it after the access check.
            .RequireRateLimiting(Limits.RateLimits.Codec)
            .AddEndpointFilter<CodecAccessFilter>()
            // Temporal specifies this protocol; the bridge's API reference is for its webhooks.
            .ExcludeFromDescription();

        foreach (var prefix in new[] { "", "/{namespace}" })
        {
            group.MapPost($"{prefix}/encode", (HttpRequest request, AesGcmPayloadCodec codec, ILoggerFactory logs) =>
                ConvertAsync(request, codec.EncodeAsync, "encode", logs));
            group.MapPost($"{prefix}/decode", (HttpRequest request, AesGcmPayloadCodec codec, ILoggerFactory logs) =>
                ConvertAsync(request, codec.DecodeAsync, "decode", logs));
        }

        group.MapPost("/download", () => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No external payload storage",
            detail: "The bridge keeps its payloads in Temporal's history, encrypted; there is nothing to download."));

        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ConvertAsync(
        HttpRequest request,
        Func<IReadOnlyCollection<Payload>, Task<IReadOnlyCollection<Payload>>> convert,
        string operation,
        ILoggerFactory logs)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "The body must be application/json: {\"payloads\":[…]}.");
        }

        var body = await ReadLimitedAsync(request);
        if (body is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"A codec request must be at most {MaxBodyBytes} bytes.",
                extensions: Field("body"));
        }

        Payloads payloads;
        try
        {
            payloads = Parser.Parse<Payloads>(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or FormatException)
        {
            // The parser's message may quote the body; the answer and the log do not.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid codec request",
                detail: "The body must be {\"payloads\":[…]}, each payload the proto3 JSON form of " +
                    "temporal.api.common.v1.Payload (metadata values and data in base64).",
                extensions: Field(IsJsonObject(body) ? "payloads" : "body"));
        }

        try
        {
            var converted = await convert(payloads.Payloads_);
            var json = converted.Count == 0
                ? "{\"payloads\":[]}"
                : JsonFormatter.Default.Format(new Payloads { Payloads_ = { converted } });
            return TypedResults.Content(json, "application/json");
        }
        catch (PayloadDecryptionException e)
        {
            LogRefused(logs.CreateLogger(typeof(CodecApi).FullName!), operation, e.Message);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Payload cannot be decoded", detail: e.Message, extensions: Field("payloads"));
        }
    }

    /// <summary>The UI sends a request per payload list it shows; Temporal's own limit is 2 MB a payload.</summary>
    internal const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>The body, or null when it is longer than <see cref="MaxBodyBytes"/> (whatever Content-Length claims).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var content = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (content.Length + read > MaxBodyBytes)
            {
                return null;
            }
            content.Write(buffer, 0, read);
        }
        return content.ToArray();
    }

    /// <summary>Whether the body is at least a JSON object: then what is wrong is inside its <c>payloads</c>.</summary>
    private static bool IsJsonObject(byte[] body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static Dictionary<string, object?> Field(string name) => new() { ["field"] = name };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Temporal codec {Operation} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string operation, string reason);
}
