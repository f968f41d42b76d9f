using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TemporalBridge.Businesses;
using TemporalBridge.Connect;
using TemporalBridge.Hosting;
using TemporalBridge.Limits;
using TemporalBridge.Redis;
using TemporalBridge.Vcita;

namespace TemporalBridge.OAuth;

/// <summary>
/// vcita's authorization-code flow, which gives the bridge a business token: <c>/start</c> sends the business's
/// browser to vcita's consent page, vcita sends it back to <c>/callback</c> with a code, and the callback exchanges
/// the code, asks vcita which business the token belongs to, and hands the token to that business's workflow.
/// </summary>
public static partial class OAuthApi
{
    public const string StartPath = "/oauth/vcita/start";
    public const string CallbackPath = "/oauth/vcita/callback";

    /// <summary>The provider whose app a flow uses when <c>/start</c> names none.</summary>
    public const string DefaultProvider = "whatsapp";

    public static RouteGroupBuilder MapVcitaOAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/oauth/vcita")
            .WithTags("Connecting a business")
            .RequireRateLimiting(RateLimits.OAuth)
            .WithBodyLimit(BodyLimits.None);
        group.MapGet("/start", StartAsync)
            .AddEndpointFilter(ValidateProviderAsync)
            .WithSummary("Sends the business to vcita's consent page")
            .WithDescription("302 to vcita's authorize page for the provider's app (default whatsapp), with a single-use state valid 10 minutes.");
        group.MapGet("/callback", CallbackAsync)
            .WithSummary("Where vcita sends the business back")
            .WithDescription("Exchanges the code, learns the business from userinfo, stores its token in the business's workflow, " +
                "signs the browser in for that business and sends it to the connect page.");
        return group;
    }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> StartAsync(
        string? provider, HttpContext http, OAuthStates states, IOptions<VcitaOptions> vcita, ILoggerFactory loggers)
    {
        provider = NormalizeProvider(provider);
        var app = vcita.Value.Apps[provider];
        string state;
        try
        {
            state = await states.IssueAsync(provider);
        }
        catch (Exception e) when (CacheCall.IsUnavailable(e))
        {
            return RedisUnavailable(http, loggers, e);
        }

        var authorize = QueryHelpers.AddQueryString(vcita.Value.AuthorizeBaseUrl.TrimEnd('/') + "/app/oauth/authorize",
        new KeyValuePair<string, string?>[]
        {
            new("client_id", app.ClientId),
            new("redirect_uri", app.RedirectUri),
            new("state", state),
            new("response_type", "code"),
        });
        return TypedResults.Redirect(authorize);
    }

    private static async Task<Results<RedirectHttpResult, ValidationProblem, ProblemHttpResult>> CallbackAsync(
        [FromQuery] string? code,
        [FromQuery] string? state,
        [FromQuery] string? error,
        HttpContext http,
        OAuthStates states,
        IOptions<VcitaOptions> vcita,
        IVcitaOAuthApi oauth,
        IBusinessTokens tokens,
        ConnectSessions sessions,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        // The URL held a code: keep it out of Referer headers and caches.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-store";
        var logger = loggers.CreateLogger(typeof(OAuthApi));

        // The state first, whatever else came: it is what proves this browser started the flow here (CSRF).
        string? provider;
        try
        {
            provider = await states.TakeAsync(state ?? "");
        }
        catch (Exception e) when (CacheCall.IsUnavailable(e))
        {
            return RedisUnavailable(http, loggers, e);
        }

        if (provider is null)
        {
            return Invalid("state",
                $"is unknown, expired (it is valid {OAuthStates.Lifetime.TotalMinutes:0} minutes) or already used: start again at {StartPath}.");
        }

        if (!string.IsNullOrEmpty(error))
        {
            var reason = OAuthErrorCode().IsMatch(error) ? error : "an unreadable error";
            LogDeclined(logger, provider, reason);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The business declined to connect",
                detail: $"vcita answered {reason} instead of a code: the business did not grant access to the {provider} app. " +
                    $"Start again at {StartPath}?provider={provider} to connect.",
                extensions: new Dictionary<string, object?> { ["error"] = reason });
        }

        if (string.IsNullOrEmpty(code))
        {
            return Invalid("code", $"is required: vcita redirects here with one. Start again at {StartPath}?provider={provider}.");
        }

        var app = vcita.Value.Apps.GetValueOrDefault(provider);
        if (app is null || MissingKeys(provider, app).Count > 0)
        {
            return Invalid("provider", $"'{provider}' has no vcita app configured here any more.");
        }

        var cancel = http.RequestAborted;
        VcitaToken token;
        try
        {
            // At once: the code lives 30 seconds.
            token = await oauth.ExchangeCodeAsync(new VcitaCodeExchangeRequest(app.ClientId, app.ClientSecret, code, app.RedirectUri), cancel);
        }
        catch (VcitaApiException e)
        {
            return VcitaFailed(logger, "token exchange", provider, e);
        }

        VcitaUserInfo user;
        try
        {
            user = await oauth.GetUserInfoAsync(token.AccessToken, cancel);
        }
        catch (VcitaApiException e)
        {
            return VcitaFailed(logger, "userinfo", provider, e);
        }

        if (!IsBusinessUid(user.BusinessUid))
        {
            return VcitaFailed(logger, "userinfo", provider,
                new VcitaApiException(VcitaFailure.Permanent, StatusCodes.Status200OK, [], "vcita answered GET /oauth/userinfo without a usable business_uid"));
        }

        // Answers only once Temporal accepted the grant; an unreachable Temporal becomes 503 (TemporalUnavailableHandler).
        await tokens.StoreAsync(user.BusinessUid, new BusinessTokenGrant(token.AccessToken, time.GetUtcNow(), provider), cancel);
        LogConnected(logger, user.BusinessUid, provider);

        // Signed in for this business only, as vcita's userinfo named it: on to the page where it connects its accounts.
        sessions.SignIn(http, user.BusinessUid);
        return TypedResults.Redirect(ConnectApi.Path);
    }

    /// <summary>The provider must name a configured app with everything the flow needs; else 400 naming what is missing.</summary>
    private static async ValueTask<object?> ValidateProviderAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var raw = context.HttpContext.Request.Query["provider"].ToString();
        if (raw.Length > 0 && !ProviderName().IsMatch(raw))
        {
            return Invalid("provider", "must be a provider name of letters and digits, e.g. whatsapp.");
        }

        var provider = NormalizeProvider(raw);
        var apps = context.HttpContext.RequestServices.GetRequiredService<IOptions<VcitaOptions>>().Value.Apps;
        var missing = MissingKeys(provider, apps.GetValueOrDefault(provider) ?? new VcitaAppOptions());
        if (missing.Count > 0)
        {
            return Invalid("provider",
                $"'{provider}' has no vcita app configured for connecting businesses: set {string.Join(", ", missing)} " +
                "(register-app prints them).");
        }

        return await next(context);
    }

    private static List<string> MissingKeys(string provider, VcitaAppOptions app)
    {
        var missing = app.MissingKeys(provider).ToList();
        if (string.IsNullOrWhiteSpace(app.RedirectUri))
        {
            missing.Add(VcitaAppOptions.Key(provider, nameof(VcitaAppOptions.RedirectUri)));
        }

        return [.. missing.Select(RequiredSettingAttribute.ToEnvironmentVariable)];
    }

    private static string NormalizeProvider(string? provider) =>
        string.IsNullOrEmpty(provider) ? DefaultProvider : provider.ToLowerInvariant();

    /// <summary>A uid becomes part of a workflow id: it must be non-empty, short and free of the id separator.</summary>
    private static bool IsBusinessUid(string? uid) => uid is { Length: > 0 and <= 64 } && BusinessUid().IsMatch(uid);

    private static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} {problem}"] });

    private static ProblemHttpResult VcitaFailed(ILogger logger, string step, string provider, VcitaApiException e)
    {
        LogVcitaFailed(logger, step, provider, e.Message);
        var answered = e.Status is { } status ? $"answered {status.ToString(CultureInfo.InvariantCulture)}" : "did not answer";
        var codes = e.Errors.Select(x => x.Code).Where(c => c.Length > 0).ToList();
        return TypedResults.Problem(
            statusCode: StatusCodes.Status502BadGateway,
            title: $"vcita failed the {step} step",
            detail: $"vcita {answered} at the {step} step{(codes.Count > 0 ? $" ({string.Join(", ", codes)})" : "")}; " +
                $"nothing was stored. Start again at {StartPath}?provider={provider}.",
            extensions: new Dictionary<string, object?> { ["step"] = step, ["vcitaStatus"] = e.Status });
    }

    /// <summary>
    /// Here Redis is not a cache: the sign-in state lives only there, so without it the flow cannot go on, and the
    /// browser is told to try again. The log names the kind of failure, not the client's message, which can quote
    /// the key and so the state.
    /// </summary>
    private static ProblemHttpResult RedisUnavailable(HttpContext http, ILoggerFactory loggers, Exception e)
    {
        LogRedisUnavailable(loggers.CreateLogger(typeof(OAuthApi)), CacheCall.Describe(e));
        http.Response.Headers.RetryAfter = RedisRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Redis is unavailable",
            detail: "The bridge cannot remember the sign-in state right now. Try again in a moment.");
    }

    /// <summary>Seconds a browser should wait for Redis to be back: a restart takes a few.</summary>
    internal const int RedisRetryAfterSeconds = 10;

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex ProviderName();

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex OAuthErrorCode();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex BusinessUid();

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected vcita business {BusinessUid} through the {Provider} app")]
    private static partial void LogConnected(ILogger logger, string businessUid, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "A business declined to connect the {Provider} app: vcita answered {Error}")]
    private static partial void LogDeclined(ILogger logger, string provider, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connecting a business through the {Provider} app failed at the {Step} step: {Reason}")]
    private static partial void LogVcitaFailed(ILogger logger, string step, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OAuth flow could not reach Redis: {Reason}")]
    private static partial void LogRedisUnavailable(ILogger logger, string reason);
}
