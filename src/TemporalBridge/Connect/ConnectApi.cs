using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TemporalBridge.Admin;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Hosting;
using TemporalBridge.Limits;
using TemporalBridge.OAuth;
using TemporalBridge.Providers;

namespace TemporalBridge.Connect;

/// <summary>
/// The connect page, where a business owner signed in with vcita connects the business's own accounts through Meta's
/// dialogs: <c>GET /connect</c> (the page; without a sign-in, off to vcita's), the business's channels with their live
/// state, and disconnecting one. Each provider maps its own connect calls on the same group
/// (<see cref="MapConnect"/> answers it), so every call is for the signed-in business only and every change carries
/// the anti-forgery token. The business is always the sign-in's, never the browser's word.
/// </summary>
public static class ConnectApi
{
    public const string Path = "/connect";

    private const string Provider = "provider";
    private const string AccountId = "account_id";

    /// <summary>The page, and the group the providers' connect calls join.</summary>
    public static RouteGroupBuilder MapConnect(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ShowPage)
            .WithTags("Connect page")
            .RequireRateLimiting(RateLimits.OAuth)
            .WithBodyLimit(BodyLimits.None)
            .ExcludeFromDescription();

        var group = routes.MapGroup(Path)
            .WithTags("Connect page")
            .RequireRateLimiting(RateLimits.OAuth)
            .WithBodyLimit(RequestValidationExtensions.MaxBodyBytes)
            .AddEndpointFilter<ConnectSessionFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/channels", ListAsync)
            .WithSummary("The signed-in business's channels, with their live state");
        group.MapPost($"/channels/{{{Provider}}}/{{{AccountId}}}/disconnect", DisconnectAsync)
            .Validates(
                ParameterRule.Route(Provider, WireRules.OneOf(ConnectChannelRequest.Providers)),
                ParameterRule.Route(AccountId, ConnectChannelRequest.CheckAccountId))
            .WithSummary("Disconnects one of the business's channels")
            .WithDescription("Unsubscribes the app from the account, deletes the vcita channel and forgets the credentials.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/sign-out", SignOut)
            .WithSummary("Ends the sign-in");
        return group;
    }

    private static IResult ShowPage(HttpContext http, ConnectSessions sessions, AccountConnectors connectors, IOptions<ConnectOptions> options)
    {
        if (sessions.Find(http) is not { } session)
        {
            return TypedResults.Redirect(OAuthApi.StartPath);
        }
        ConnectPage.SetHeaders(http, options.Value);
        return TypedResults.Content(ConnectPage.Render(session, connectors, options.Value), "text/html; charset=utf-8");
    }

    private static async Task<Ok<IReadOnlyList<ChannelView>>> ListAsync(HttpContext http, ChannelConnections channels, CancellationToken cancellationToken) =>
        TypedResults.Ok(await channels.ListAsync(ConnectSessionFilter.SessionOf(http).BusinessUid, cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> DisconnectAsync(
        [FromRoute(Name = Provider)] string provider,
        [FromRoute(Name = AccountId)] string accountId,
        HttpContext http,
        ChannelConnections channels,
        CancellationToken cancellationToken)
    {
        // Another business's channel is answered as no channel at all: whose it is is not this business's to know.
        if (await channels.OwnerAsync(provider, accountId, cancellationToken) != ConnectSessionFilter.SessionOf(http).BusinessUid
            || !await channels.DisconnectAsync(provider, accountId, cancellationToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown channel",
                detail: $"This business has no {ProviderNames.Title(provider)} channel for account {accountId}.",
                extensions: new Dictionary<string, object?> { ["field"] = AccountId });
        }
        return TypedResults.Accepted((string?)null);
    }

    private static NoContent SignOut(HttpContext http, ConnectSessions sessions)
    {
        sessions.SignOut(http);
        return TypedResults.NoContent();
    }
}
