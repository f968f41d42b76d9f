using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Temporalio.Exceptions;

namespace TemporalBridge.Temporal;

/// <summary>
/// Turns "Temporal cannot be reached" into 503 ProblemDetails with Retry-After, for every endpoint. A webhook
/// that could not be handed to Temporal must not get a 2xx (it would be lost) nor look like a bug (500): 503 tells
/// vcita and Meta to deliver it again later.
/// </summary>
internal sealed partial class TemporalUnavailableHandler(
    IProblemDetailsService problemDetails,
    IOptions<TemporalOptions> temporal,
    ILogger<TemporalUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a sender should wait: long enough for a Temporal restart, short enough to catch up fast.</summary>
    internal const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTemporalUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(temporal.Value.Address, temporal.Value.Namespace, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporal is unavailable",
                Detail = "The event was not accepted because Temporal cannot be reached. Send it again later.",
            },
        });
    }

    /// <summary>
    /// Unavailable is what a Temporal server that went away answers; a lazy client that never got connected
    /// throws InvalidOperationException("Connection failed: …") from its connect attempt instead. The SDK has no
    /// dedicated type for it and the exception carries no stack trace to tell its origin, so the message prefix
    /// does; a test pins it against the real SDK.
    /// </summary>
    internal static bool IsTemporalUnavailable(Exception exception) => exception switch
    {
        RpcException { Code: RpcException.StatusCode.Unavailable } => true,
        InvalidOperationException e => e.Message.StartsWith("Connection failed:", StringComparison.Ordinal),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Temporal at {Address} (namespace {Namespace}) is unreachable; answered 503 to {Path}")]
    private partial void LogUnavailable(string address, string @namespace, PathString path);
}
