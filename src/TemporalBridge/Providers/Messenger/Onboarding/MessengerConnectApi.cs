using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Admin;
using TemporalBridge.Connect;
using TemporalBridge.Hosting;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Providers.Messenger.Onboarding;

/// <summary><c>POST /connect/messenger/pages</c>: the short-lived user token of Facebook Login's callback.</summary>
public sealed record PageListRequest(string AccessToken) : IJsonRequest<PageListRequest>
{
    public static PageListRequest? Read(JsonFields fields) =>
        fields.RequiredString("access_token", OnboardingRules.CheckOpaque) is { } token ? new(token) : null;

    public override string ToString() => "PageListRequest { AccessToken = [redacted] }";
}

/// <summary><c>POST /connect/messenger</c>: the picker's ticket and the Pages picked.</summary>
public sealed record PagePickRequest(string Ticket, IReadOnlyList<string> PageIds) : IJsonRequest<PagePickRequest>
{
    /// <summary>A person picks Pages by hand: more than this in one go is not a person.</summary>
    public const int MaxPages = 50;

    public static PagePickRequest? Read(JsonFields fields)
    {
        var ticket = fields.RequiredString("ticket", value => value.Length <= SealedValues.MaxSealedLength ? null : "is not a ticket this page gave");
        var pageIds = fields.RequiredStringList("page_ids", MaxPages, OnboardingRules.CheckGraphId);
        return ticket is null || pageIds is null ? null : new(ticket, pageIds);
    }

    public override string ToString() => $"PagePickRequest {{ Ticket = [redacted], PageIds = {PageIds.Count} }}";
}

public static class MessengerConnectApi
{
    /// <summary>Adds Messenger's connect calls to the connect page's group (<see cref="ConnectApi.MapConnect"/>).</summary>
    public static RouteGroupBuilder MapMessengerConnect(this RouteGroupBuilder connect)
    {
        connect.MapPost("/messenger/pages", ListPagesAsync)
            .Validates<PageListRequest>()
            .WithSummary("Lists the Facebook Pages the person who logged in manages")
            .WithDescription("Exchanges the login's token for a long-lived one, kept only sealed in the answer's ticket.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        connect.MapPost("/messenger", ConnectAsync)
            .Validates<PagePickRequest>()
            .WithSummary("Connects the Pages picked: one channel each")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return connect;
    }

    private static async Task<Results<Ok<PagePicker>, ProblemHttpResult>> ListPagesAsync(
        JsonBody<PageListRequest> body, HttpContext http, PageLogin login, CancellationToken cancellationToken)
    {
        var (picker, failure) = await login.ListAsync(ConnectSessionFilter.SessionOf(http).BusinessUid, body.Value.AccessToken, cancellationToken);
        return picker is not null ? TypedResults.Ok(picker) : failure!.ToProblem();
    }

    private static async Task<Results<Accepted<IReadOnlyList<ChannelConnection>>, ProblemHttpResult>> ConnectAsync(
        JsonBody<PagePickRequest> body, HttpContext http, PageLogin login, CancellationToken cancellationToken)
    {
        var (connected, failure) = await login.ConnectAsync(
            ConnectSessionFilter.SessionOf(http).BusinessUid, body.Value.Ticket, body.Value.PageIds, cancellationToken);
        return connected is not null ? TypedResults.Accepted((string?)null, connected) : failure!.ToProblem();
    }
}
