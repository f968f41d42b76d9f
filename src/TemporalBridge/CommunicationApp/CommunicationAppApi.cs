using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TemporalBridge.Channels;

using TemporalBridge.Hosting;
using TemporalBridge.Limits;

namespace TemporalBridge.CommunicationApp;

/// <summary>
/// The communication-app interface: the calls vcita makes to the bridge, under the app URI vcita has registered
/// (<c>https://&lt;host&gt;/vcita</c>). Each event is validated, then handed to the workflow that owns it before the
/// answer: 204 means Temporal has it; 404 means no workflow of this bridge owns the uid named; 503 (from the
/// Temporal handler) means it could not be handed over and vcita should send it again.
/// </summary>
public static class CommunicationAppApi
{
    public const string Path = "/vcita";

    private const string ChannelUid = "channel_uid";
    private const string SessionUid = "session_uid";
    private const string MessageUid = "message_uid";

    public static RouteGroupBuilder MapCommunicationApp(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path)
            .WithTags("vcita communication app")
            .RequireRateLimiting(RateLimits.Vcita)
            .WithBodyLimit(RequestValidationExtensions.MaxBodyBytes)
            .AddEndpointFilter<VcitaCallerFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPut($"/channels/{{{ChannelUid}}}", UpdateChannelAsync)
            .Validates<ChannelStatusBody>(ParameterRule.Route(ChannelUid, WireRules.Uid));
        group.MapPut($"/sessions/{{{SessionUid}}}", UpdateSessionAsync)
            .Validates<SessionStatusBody>(ParameterRule.Route(SessionUid, WireRules.Uid));
        group.MapPost("/messages", SendStaffMessageAsync)
            .Validates<StaffMessageBody>();
        group.MapPut($"/messages/{{{MessageUid}}}", UpdateMessageAsync)
            .Validates<MessageStatusBody>(ParameterRule.Route(MessageUid, WireRules.ExternalId));
        group.MapPost($"/sessions/{{{SessionUid}}}/typing", ReportTypingAsync)
            .Validates<TypingBody>(ParameterRule.Route(SessionUid, WireRules.Uid));

        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateChannelAsync(
        [FromRoute(Name = ChannelUid)] string channelUid,
        JsonBody<ChannelStatusBody> body,
        ChannelStatusHandOver dispatcher,
        CancellationToken cancellationToken) =>
        await dispatcher.HandOverAsync(channelUid, body.Value.Status, cancellationToken) switch
        {
            ChannelStatusHandOver.Outcome.Delivered => TypedResults.NoContent(),
            _ => Unknown(HandOver.Unknown(ChannelUid, channelUid)),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateSessionAsync(
        [FromRoute(Name = SessionUid)] string sessionUid,
        JsonBody<SessionStatusBody> body,
        ISessionStatusHandOver handOver,
        CancellationToken cancellationToken) =>
        Answer(await handOver.HandOverAsync(sessionUid, body.Value, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> SendStaffMessageAsync(
        JsonBody<StaffMessageBody> body,
        IStaffMessageHandOver handOver,
        CancellationToken cancellationToken) =>
        Answer(await handOver.HandOverAsync(body.Value, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateMessageAsync(
        [FromRoute(Name = MessageUid)] string messageUid,
        JsonBody<MessageStatusBody> body,
        IMessageStatusHandOver handOver,
        CancellationToken cancellationToken) =>
        Answer(await handOver.HandOverAsync(messageUid, body.Value, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> ReportTypingAsync(
        [FromRoute(Name = SessionUid)] string sessionUid,
        JsonBody<TypingBody> body,
        IStaffTypingRelay typing,
        CancellationToken cancellationToken) =>
        Answer(await typing.RelayAsync(sessionUid, body.Value, cancellationToken));

    private static Results<NoContent, ProblemHttpResult> Answer(HandOver handOver) =>
        handOver.IsAccepted ? TypedResults.NoContent() : Unknown(handOver);

    private static ProblemHttpResult Unknown(HandOver handOver) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"Unknown {handOver.UnknownField}",
        detail: $"{handOver.UnknownField} '{handOver.UnknownUid}' does not belong to anything this bridge handles.",
        extensions: new Dictionary<string, object?> { ["field"] = handOver.UnknownField });
}
