using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TemporalBridge.Admin;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Temporal.Codec;
using TemporalBridge.Vcita;

namespace TemporalBridge.Limits;

/// <summary>
/// The rate-limit policies, one per endpoint group, applied on the group (<c>RequireRateLimiting</c>). Unauthenticated
/// callers (Meta's webhook, whose signature needs the body; browsers on /oauth) are partitioned by client IP.
/// Authenticated groups are partitioned by caller: a request that presents the group's credential counts against
/// that caller's budget, and one that does not counts against its IP's small <see cref="RateLimitOptions.Unauthenticated"/>
/// budget — one for all three groups (<see cref="GuessBudgets"/>) — so nobody can exhaust vcita's or an operator's
/// budget without holding their secret, nor guess faster by trying every door. Each window starts with its caller's
/// first request, and a refusal's Retry-After is the time left in it. Health probes are not limited: an
/// orchestrator that is refused would take the service out of rotation.
/// </summary>
/// <remarks>The client IP is the connection's: behind a proxy, forward it (ASP.NET Core's forwarded headers), or
/// every caller shares one partition — which the generous webhook limit is sized to survive.</remarks>
public static partial class RateLimits
{
    public const string WhatsApp = "whatsapp";
    public const string Messenger = "messenger";
    public const string Vcita = "vcita";
    public const string Admin = "admin";
    public const string Codec = "codec";
    public const string OAuth = "oauth";

    internal static void AddPolicies(RateLimiterOptions options)
    {
        options.AddPolicy(WhatsApp, http => ByClient(http, Limits(http).WhatsApp));
        options.AddPolicy(Messenger, http => ByClient(http, Limits(http).Messenger));
        options.AddPolicy(OAuth, http => ByClient(http, Limits(http).OAuth));
        options.AddPolicy(Vcita, http =>
            VcitaCallerFilter.IsVcita(http.Request, Option<VcitaOptions>(http).WebhookSecret)
                ? ByCaller(http, "vcita", Limits(http).Vcita)
                : Guessing(http));
        options.AddPolicy(Admin, http =>
            AdminKeyFilter.IsAdmin(http.Request, Option<AdminOptions>(http).ApiKey)
                ? ByCaller(http, "admin", Limits(http).Admin)
                : Guessing(http));
        options.AddPolicy(Codec, http =>
            Option<TemporalCodecOptions>(http).AccessToken is not { Length: > 0 } token || CodecAccessFilter.PresentsToken(http.Request, token)
                ? ByCaller(http, "codec", Limits(http).Codec)
                : Guessing(http));
        options.OnRejected = RejectAsync;
    }

    /// <summary>429 as ProblemDetails, with Retry-After: when the caller's window opens again.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        LogRejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits)), http.Request.Path, seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This caller sent more requests than the bridge takes in its window. Nothing was done; send it again in {seconds} s.",
            },
        });
    }

    private static RateLimitPartition<string> ByClient(HttpContext http, WindowLimit limit) => Window(http, "ip:" + Address(http), limit);

    private static RateLimitPartition<string> ByCaller(HttpContext http, string caller, WindowLimit limit) => Window(http, "caller:" + caller, limit);

    /// <summary>A call without the group's credential: the address's one budget for all groups.</summary>
    private static RateLimitPartition<string> Guessing(HttpContext http)
    {
        var address = Address(http);
        var budgets = http.RequestServices.GetRequiredService<GuessBudgets>();
        return RateLimitPartition.Get("guess:" + address, _ => budgets.For(address));
    }

    private static RateLimitPartition<string> Window(HttpContext http, string key, WindowLimit limit)
    {
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(key, _ => new WindowBudget(limit.Permits, TimeSpan.FromSeconds(limit.WindowSeconds), time));
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitOptions Limits(HttpContext http) => Option<RateLimitOptions>(http);

    private static T Option<T>(HttpContext http)
        where T : class => http.RequestServices.GetRequiredService<IOptions<T>>().Value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limit reached on {Path}: answered 429, retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, PathString path, int seconds);
}
