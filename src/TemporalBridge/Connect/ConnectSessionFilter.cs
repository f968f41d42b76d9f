namespace TemporalBridge.Connect;

/// <summary>
/// Every connect call but the page itself: the sign-in (else 401, pointing at vcita's sign-in), and on every change the
/// anti-forgery header (else 403 naming it). Runs before a body is read.
/// </summary>
public sealed class ConnectSessionFilter(ConnectSessions sessions) : IEndpointFilter
{
    private const string SessionItem = "TemporalBridge.ConnectSession";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (sessions.Find(http) is not { } session)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Not signed in",
                detail: $"Sign in with vcita first: {OAuth.OAuthApi.StartPath}. A sign-in lasts a limited time.",
                extensions: new Dictionary<string, object?> { ["field"] = ConnectSessions.CookieName });
        }
        if (!HttpMethods.IsGet(http.Request.Method) && !ConnectSessions.HasCsrfToken(http, session))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Missing anti-forgery token",
                detail: $"Changes are made from the connect page, which sends the {ConnectSessions.CsrfHeader} header. Reload {ConnectApi.Path} and try again.",
                extensions: new Dictionary<string, object?> { ["field"] = ConnectSessions.CsrfHeader });
        }
        http.Items[SessionItem] = session;
        return await next(context);
    }

    /// <summary>The sign-in this filter found for the request.</summary>
    public static ConnectSession SessionOf(HttpContext http) =>
        http.Items[SessionItem] as ConnectSession ?? throw new InvalidOperationException("The endpoint needs the ConnectSessionFilter.");
}
