using Microsoft.AspNetCore.Diagnostics;
using Temporalio.Exceptions;

namespace TemporalBridge.Temporal;

/// <summary>
/// Turns Temporal refusing what a request carried (an id too long for it, a value it will not take: gRPC
/// InvalidArgument) into 400 ProblemDetails rather than a 500. Requests are checked before they reach Temporal, so
/// this is the net under those checks: the caller learns its request cannot be taken as it is, and nothing was
/// handed over. Temporal's own words are logged, not answered: they may quote the value.
/// </summary>
internal sealed partial class TemporalRefusalHandler(IProblemDetailsService problemDetails, ILogger<TemporalRefusalHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not RpcException { Code: RpcException.StatusCode.InvalidArgument })
        {
            return false;
        }

        LogRefused(httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Temporal refused a value of this request",
                Detail = "An id or value this request carries cannot be given to Temporal as it is (for example, it is too long). Nothing was handed over.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Temporal refused a value of a request to {Path}; answered 400")]
    private partial void LogRefused(PathString path);
}
