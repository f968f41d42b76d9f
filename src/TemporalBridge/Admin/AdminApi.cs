using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Hosting;
using TemporalBridge.Limits;
using TemporalBridge.Providers;

namespace TemporalBridge.Admin;

/// <summary>
/// The operator's API, under <c>/admin</c> with <c>Admin:ApiKey</c>: connect a provider account to a vcita business
/// (starts its channel workflow), list the channels with their live status, disconnect one (signals its workflow,
/// which deletes the VCS channel); list the deliveries that are retrying or failed, with why, and retry a failed
/// outbound one; show one conversation by its VCS session uid. Temporal unreachable: 503 from the Temporal handler.
/// </summary>
public static class AdminApi
{
    public const string Path = "/admin";

    private const string BusinessUid = "business_uid";
    private const string Provider = "provider";
    private const string AccountId = "account_id";
    private const string ClientId = "client_id";
    private const string State = "state";
    private const string DeliveryId = "delivery_id";
    private const string SessionUid = "session_uid";

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path)
            .WithTags("Admin")
            .RequireRateLimiting(RateLimits.Admin)
            .WithBodyLimit(RequestValidationExtensions.MaxBodyBytes)
            .AddEndpointFilter<AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/channels", ConnectAsync)
            .Validates<ConnectChannelRequest>();
        group.MapGet("/channels", ListAsync)
            .Validates(ParameterRule.OptionalQuery(BusinessUid, ConnectChannelRequest.CheckBusinessUid));
        group.MapDelete($"/channels/{{{Provider}}}/{{{AccountId}}}", DisconnectAsync)
            .Validates(
                ParameterRule.Route(Provider, WireRules.OneOf(ConnectChannelRequest.Providers)),
                ParameterRule.Route(AccountId, ConnectChannelRequest.CheckAccountId));

        group.MapGet("/deliveries", ListDeliveriesAsync)
            .Validates(
                ParameterRule.OptionalQuery(State, WireRules.OneOf(StuckDeliveries.States)),
                ParameterRule.OptionalQuery(BusinessUid, ConnectChannelRequest.CheckBusinessUid));
        group.MapPost($"/deliveries/{{{DeliveryId}}}/retry", RetryDeliveryAsync)
            .Validates(ParameterRule.Route(DeliveryId, CheckOutboundDeliveryId))
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet($"/sessions/{{{SessionUid}}}", ShowConversationAsync)
            .Validates(ParameterRule.Route(SessionUid, WireRules.Uid))
            .ProducesProblem(StatusCodes.Status404NotFound);
        // In the query, not the path: request logs name the path, and a client's number is never logged.
        group.MapGet("/conversations", FindConversationAsync)
            .Validates(
                ParameterRule.RequiredQuery(Provider, WireRules.OneOf(ConnectChannelRequest.Providers)),
                ParameterRule.RequiredQuery(AccountId, ConnectChannelRequest.CheckAccountId),
                ParameterRule.RequiredQuery(ClientId, ClientIds.Check))
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary>Only outbound deliveries can be retried by hand (an inbound one retries itself for days), and only an id
    /// the bridge could have built names one.</summary>
    private static string? CheckOutboundDeliveryId(string value) =>
        Temporal.WorkflowIds.IsOutboundDelivery(value)
            ? null
            : "must be an outbound delivery's workflow id, e.g. 'delivery-out:{channel_uid}:{message_uid}'";

    private static async Task<Ok<IReadOnlyList<DeliveryView>>> ListDeliveriesAsync(
        [FromQuery(Name = State)] string? state,
        [FromQuery(Name = BusinessUid)] string? businessUid,
        StuckDeliveries deliveries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await deliveries.ListAsync(
            string.IsNullOrEmpty(state) ? StuckDeliveries.States : [state],
            string.IsNullOrEmpty(businessUid) ? null : businessUid,
            cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> RetryDeliveryAsync(
        [FromRoute(Name = DeliveryId)] string deliveryId, StuckDeliveries deliveries, CancellationToken cancellationToken) =>
        await deliveries.RetryAsync(deliveryId, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown delivery",
                detail: $"No outbound delivery '{deliveryId}' is running; a failed one waits a week for a retry, then ends.",
                extensions: new Dictionary<string, object?> { ["field"] = DeliveryId });

    /// <summary>The conversation of a client given by their number or id: the bridge hashes it as it named the
    /// conversation, so an operator finds it without the number being anywhere in Temporal.</summary>
    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> FindConversationAsync(
        [FromQuery(Name = Provider)] string provider,
        [FromQuery(Name = AccountId)] string accountId,
        [FromQuery(Name = ClientId)] string clientId,
        Conversations conversations,
        CancellationToken cancellationToken) =>
        await conversations.FindByClientAsync(provider, accountId, ClientIds.Normalize(clientId), cancellationToken) is { } conversation
            ? TypedResults.Ok(conversation)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown conversation",
                detail: $"No running {provider} conversation of account '{accountId}' has this client.",
                extensions: new Dictionary<string, object?> { ["field"] = ClientId });

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> ShowConversationAsync(
        [FromRoute(Name = SessionUid)] string sessionUid, Conversations conversations, CancellationToken cancellationToken) =>
        await conversations.FindAsync(sessionUid, cancellationToken) is { } conversation
            ? TypedResults.Ok(conversation)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown session",
                detail: $"No running conversation of this bridge has vcita session '{sessionUid}'.",
                extensions: new Dictionary<string, object?> { ["field"] = SessionUid });

    private static async Task<Results<Accepted<ChannelConnection>, ProblemHttpResult, ValidationProblem>> ConnectAsync(
        JsonBody<ConnectChannelRequest> body, ChannelConnections channels, MessagingProviders providers, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (request.ProblemsFor(providers.Get(request.Provider).Capabilities) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }
        var result = await channels.ConnectAsync(request.ToChannelInput(), cancellationToken);
        return result.Connection is { } connection
            ? TypedResults.Accepted((string?)null, connection)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Already connected to another business",
                detail: $"{request.Provider} account_id '{request.AccountId}' is connected to business " +
                    $"'{result.OtherBusinessUid}'. Disconnect it there first.",
                extensions: new Dictionary<string, object?> { ["field"] = "account_id" });
    }

    private static async Task<Ok<IReadOnlyList<ChannelView>>> ListAsync(
        [FromQuery(Name = BusinessUid)] string? businessUid, ChannelConnections channels, CancellationToken cancellationToken) =>
        TypedResults.Ok(await channels.ListAsync(string.IsNullOrEmpty(businessUid) ? null : businessUid, cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> DisconnectAsync(
        [FromRoute(Name = Provider)] string provider,
        [FromRoute(Name = AccountId)] string accountId,
        ChannelConnections channels,
        CancellationToken cancellationToken) =>
        await channels.DisconnectAsync(provider, accountId, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown channel",
                detail: $"No {provider} channel with account_id '{accountId}' is connected.",
                extensions: new Dictionary<string, object?> { ["field"] = AccountId });
}
