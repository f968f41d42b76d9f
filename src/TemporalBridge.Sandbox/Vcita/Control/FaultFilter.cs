using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Control;

/// <summary>
/// Runs before everything else on an emulated endpoint (authentication included): applies the next injected fault,
/// answering in the endpoint's own error shape so the bridge sees what vcita would send.
/// </summary>
public sealed class FaultFilter(FaultList<Fault> faults, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<EmulatedEndpoint>() is not { } endpoint || faults.Take(f => f.Endpoint == endpoint.Name) is not { } fault)
        {
            return await next(context);
        }

        if (fault.DelayMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, http.RequestAborted);
        }

        if (fault.Status is not { } status)
        {
            return await next(context);
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        if (VcitaEndpoints.OAuthShaped.Contains(endpoint.Name))
        {
            return TypedResults.Json(OAuthFault(status), statusCode: status);
        }

        return VcitaEndpoints.PlatformShaped.Contains(endpoint.Name)
            ? PlatformResults.Failure(status, $"injected fault: {status}")
            : VcitaResults.Failure(status, VcsCode(status), $"injected fault: {status}");
    }

    private static string VcsCode(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => VcitaErrorCodes.Unauthorized,
        // A request vcita rejects for what it is: retrying the same call cannot help.
        StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity => VcitaErrorCodes.Invalid,
        StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => VcitaErrorCodes.Timeout,
        _ => VcitaErrorCodes.Unexpected,
    };

    private static OAuthError OAuthFault(int status) => status == StatusCodes.Status401Unauthorized
        ? new OAuthError(OAuthError.InvalidClient, "injected fault: 401")
        : new OAuthError("server_error", $"injected fault: {status}");
}
