using System.Text.Json;

namespace TemporalBridge.Hosting;

/// <summary>A route or query value an endpoint checks before its handler runs, e.g. the <c>{channel_uid}</c> of a path.</summary>
/// <param name="Name">The name the caller used (route parameter or query key): errors are reported under it.</param>
/// <param name="Check">Null when the value is fine, else what is wrong with it.</param>
public sealed record ParameterRule(string Name, bool FromQuery, bool Required, Func<string, string?> Check)
{
    public static ParameterRule Route(string name, Func<string, string?> check) => new(name, FromQuery: false, Required: true, check);

    public static ParameterRule OptionalQuery(string name, Func<string, string?> check) => new(name, FromQuery: true, Required: false, check);

    public static ParameterRule RequiredQuery(string name, Func<string, string?> check) => new(name, FromQuery: true, Required: true, check);

    internal string? ValueIn(HttpRequest request) =>
        FromQuery ? request.Query[Name].ToString() is { Length: > 0 } query ? query : null : request.RouteValues[Name] as string;
}

public static class RequestValidationExtensions
{
    /// <summary>The largest body accepted (64 KiB): a staff message is at most 10,000 characters (<see cref="CommunicationApp.WireRules.MaxMessageLength"/>), so no honest call comes near.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Checks the endpoint's route and query values before the handler runs; 400 names each wrong one.</summary>
    public static RouteHandlerBuilder Validates(this RouteHandlerBuilder endpoint, params ParameterRule[] rules) =>
        endpoint.AddEndpointFilter(new RequestValidationFilter(rules, body: null))
            .ProducesValidationProblem();

    /// <summary>
    /// Also reads the JSON body into <typeparamref name="TBody"/> (the handler takes a <see cref="JsonBody{T}"/>):
    /// 413 above <see cref="MaxBodyBytes"/>, 400 naming the field for anything else wrong with it.
    /// </summary>
    public static RouteHandlerBuilder Validates<TBody>(this RouteHandlerBuilder endpoint, params ParameterRule[] rules)
        where TBody : class, IJsonRequest<TBody> =>
        endpoint.AddEndpointFilter(new RequestValidationFilter(rules, new BodyReader<TBody>()))
            .Accepts<TBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>
/// Validation for one endpoint, in an endpoint filter as the house style asks: route and query values, then the JSON
/// body. Every problem found is answered at once, named by field; bad input never reaches the handler, so it changes
/// nothing. Logs name the path and the fields, never the values (a body holds message text).
/// </summary>
internal sealed partial class RequestValidationFilter(IReadOnlyList<ParameterRule> rules, IBodyReader? body) : IEndpointFilter
{
    /// <summary>The key a problem with the body as a whole (empty, not JSON, not an object) is reported under.</summary>
    internal const string BodyField = "body";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var value = rule.ValueIn(http.Request);
            var problem = value is null ? (rule.Required ? "is required" : null) : rule.Check(value);
            if (problem is not null)
            {
                errors.TryAdd(rule.Name, [problem]);
            }
        }

        if (body is not null)
        {
            // Routing refuses a wrong Content-Type (Accepts), but lets a request without one through.
            if (!http.Request.HasJsonContentType())
            {
                LogRejected(Logger(http), http.Request.Path, "no JSON content type");
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported media type",
                    detail: "The body must be JSON, sent with Content-Type: application/json.");
            }

            var content = await ReadLimitedAsync(http.Request, http.RequestAborted);
            if (content is null)
            {
                LogRejected(Logger(http), http.Request.Path, "body too large");
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Request body too large",
                    detail: $"The body must be at most {RequestValidationExtensions.MaxBodyBytes} bytes.");
            }

            body.Read(content, context.Arguments, errors);
        }

        if (errors.Count > 0)
        {
            LogRejected(Logger(http), http.Request.Path, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors);
        }

        return await next(context);
    }

    /// <summary>The body, or null when it is longer than the limit (whatever Content-Length claims, or without one).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int limit = RequestValidationExtensions.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var content = new MemoryStream();
        var buffer = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > limit)
            {
                return null;
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<RequestValidationFilter>();

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Path}: {Problem}")]
    private static partial void LogRejected(ILogger logger, PathString path, string problem);
}

internal interface IBodyReader
{
    void Read(byte[] content, IList<object?> arguments, IDictionary<string, string[]> errors);
}

internal sealed class BodyReader<T> : IBodyReader
    where T : class, IJsonRequest<T>
{
    /// <summary>A key given twice is ambiguous (which one did the sender mean?), so it is refused, not guessed.</summary>
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    public void Read(byte[] content, IList<object?> arguments, IDictionary<string, string[]> errors)
    {
        var target = arguments.OfType<JsonBody<T>>().SingleOrDefault()
            ?? throw new InvalidOperationException($"An endpoint validating a {typeof(T).Name} body must take a JsonBody<{typeof(T).Name}>.");
        if (content.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            errors.TryAdd(RequestValidationFilter.BodyField, ["is required: a JSON object"]);
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            // Where, not what: the parser's own message quotes the body.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            errors.TryAdd(RequestValidationFilter.BodyField, [$"is not valid JSON{where}"]);
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.TryAdd(RequestValidationFilter.BodyField, ["must be a JSON object"]);
                return;
            }

            var fields = new JsonFields(document.RootElement, errors);
            if (T.Read(fields) is { } request && errors.Count == 0)
            {
                target.Accept(request);
            }
        }
    }
}
