using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace TemporalBridge.Channels;

/// <summary>
/// A provider webhook for a channel still being created at vcita cannot be handed over yet: 503 with a short
/// Retry-After, so the provider sends it again once the channel has its uid (seconds), instead of it being lost.
/// </summary>
internal sealed class ChannelNotReadyHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    internal const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ChannelNotReadyException notReady)
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Channel not ready",
                Detail = notReady.Message + " Send it again shortly.",
            },
        });
    }
}
