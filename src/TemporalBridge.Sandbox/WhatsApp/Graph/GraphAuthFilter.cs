using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Meta;

namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>
/// Lets a Graph call through only with <c>Authorization: Bearer &lt;WhatsAppEmulator__AccessToken&gt;</c> (compared
/// in constant time), or a business token Embedded Signup gave for the number's account; otherwise Meta's token
/// error, code 190, HTTP 401.
/// </summary>
public sealed class GraphAuthFilter(IOptions<WhatsAppEmulatorOptions> options, GraphCallLog calls, MetaLogins logins) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // The system user's token, or the business token Embedded Signup gave for the number's account.
        var number = context.HttpContext.GetRouteValue("phoneNumberId") as string ?? context.HttpContext.GetRouteValue("mediaId") as string;
        if (HasToken(context.HttpContext.Request, options.Value.AccessToken)
            || (number is not null && logins.CoversNumber(OnboardingGraphApi.Bearer(context.HttpContext.Request), number, AccountOf)))
        {
            return await next(context);
        }

        var operation = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<GraphEndpoint>()?.Operation ?? "unknown";
        calls.Add(operation, context.HttpContext.GetRouteValue("phoneNumberId") as string, null, null, null, 401, GraphErrors.InvalidToken, null);
        return GraphResults.Error(GraphErrors.InvalidToken);
    }

    private string? AccountOf(string phoneNumberId) =>
        options.Value.Numbers().Any(n => n.PhoneNumberId == phoneNumberId) ? options.Value.WabaId : null;

    public static bool HasToken(HttpRequest request, string expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}

/// <summary>Endpoint metadata: which Graph operation this is (for the call log of refused calls).</summary>
public sealed record GraphEndpoint(string Operation);
