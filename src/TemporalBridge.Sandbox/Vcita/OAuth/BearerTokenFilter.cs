using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Sandbox.Vcita.OAuth;

/// <summary>
/// Lets a call through only with a bearer token this emulator issued, of the kind the endpoint needs; otherwise
/// vcita's 401 envelope. The token is then available to the handler via <see cref="BearerTokens.Token"/>.
/// </summary>
public sealed class BearerTokenFilter(TokenKind kind) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = http.RequestServices.GetRequiredService<TokenStore>().Find(BearerTokens.Read(http.Request));
        if (token is null)
        {
            return BearerTokens.Unauthorized(http, "a valid bearer token is required");
        }

        if (token.Kind != kind)
        {
            return BearerTokens.Unauthorized(http, kind == TokenKind.App
                ? "this call needs an app token (POST /oauth/service/token)"
                : "this call needs a business token (the authorization-code flow)");
        }

        http.Items[typeof(IssuedToken)] = token;
        return await next(context);
    }
}

/// <summary>Lets a call through only with the configured directory token (creating apps).</summary>
public sealed class DirectoryTokenFilter(IOptions<VcitaEmulatorOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        BearerTokens.SecretEquals(BearerTokens.Read(context.HttpContext.Request), options.Value.DirectoryToken)
            ? await next(context)
            : BearerTokens.Unauthorized(context.HttpContext, "a valid directory token is required");
}

public static class BearerTokens
{
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>401 in the envelope of the endpoint's API: the platform's <c>{status: "Error", error}</c>, or VCS's.</summary>
    public static IResult Unauthorized(HttpContext http, string message) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EmulatedEndpoint>() is { } endpoint && VcitaEndpoints.PlatformShaped.Contains(endpoint.Name)
            ? PlatformResults.Unauthorized()
            : VcitaResults.Unauthorized(message);

    /// <summary>The token <see cref="BearerTokenFilter"/> accepted for this request.</summary>
    public static IssuedToken Token(this HttpContext context) =>
        context.Items[typeof(IssuedToken)] as IssuedToken
        ?? throw new InvalidOperationException("The endpoint has no BearerTokenFilter.");

    public static bool SecretEquals(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    public static RouteGroupBuilder RequireToken(this RouteGroupBuilder group, TokenKind kind)
    {
        group.AddEndpointFilter(new BearerTokenFilter(kind));
        return group;
    }

    public static RouteHandlerBuilder RequireToken(this RouteHandlerBuilder endpoint, TokenKind kind) =>
        endpoint.AddEndpointFilter(new BearerTokenFilter(kind));
}
