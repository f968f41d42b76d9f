using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.OAuth;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita.Control;

/// <summary>
/// For tests and humans, under <c>/vcita-emulator/_control</c>: what the emulator received and sent, reset, fault
/// injection, callbacks on demand (with duplicates and reordering). Not part of vcita; errors are ProblemDetails.
/// </summary>
public static class ControlApi
{
    public static void MapVcitaControl(this RouteGroupBuilder vcita)
    {
        var control = vcita.MapGroup("/_control").WithTags("vcita emulator control");

        control.MapGet("/state", GetState);
        control.MapGet("/callbacks", (CallbackLog log) => TypedResults.Ok(log.Views()));
        control.MapPost("/reset", Reset);

        control.MapGet("/faults", (FaultList<Fault> faults) => TypedResults.Ok(faults.Pending));
        control.MapPost("/faults", AddFault).Validates<AddFaultRequest>();
        control.MapDelete("/faults", (FaultList<Fault> faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });

        control.MapPost("/tokens/business", IssueBusinessToken).Validates<BusinessTokenRequest>();

        var triggers = control.MapGroup("/callbacks");
        triggers.MapPost("/channel-status", ChannelStatus).Validates<ChannelStatusTrigger>();
        triggers.MapPost("/session-status", SessionStatus).Validates<SessionStatusTrigger>();
        triggers.MapPost("/message-status", MessageStatus).Validates<MessageStatusTrigger>();
        triggers.MapPost("/staff-message", StaffMessage).Validates<StaffMessageTrigger>();
        triggers.MapPost("/typing", StaffTyping).Validates<StaffTypingTrigger>();
        triggers.MapPut("/duplicate-next", DuplicateNext).Validates<DuplicateNextRequest>();
        triggers.MapPut("/hold-next", HoldNext).Validates<HoldNextRequest>();
    }

    private static Ok<ControlState> GetState(
        AppRegistry apps, VcitaState state, ClientDirectory clients, CallbackLog callbacks, FaultList<Fault> faults) =>
        TypedResults.Ok(new ControlState(
            [.. apps.All.Select(a => a.ToView())], state.Snapshot(), [.. clients.All.Select(c => c.ToView())], callbacks.Views(), faults.Pending));

    /// <summary>
    /// Forgets channels, sessions, messages, clients, callbacks, faults and callback misbehaviour. Apps and tokens
    /// stay, so a running bridge keeps working; <c>?credentials=true</c> drops them too (the default app stays).
    /// </summary>
    private static NoContent Reset(
        bool? credentials, VcitaState state, ClientDirectory clients, CallbackLog callbacks, CallbackBehaviour behaviour, FaultList<Fault> faults,
        AppRegistry apps, TokenStore tokens, AuthorizationCodes codes)
    {
        state.Clear();
        clients.Clear();
        callbacks.Clear();
        behaviour.Clear();
        faults.Clear();
        if (credentials == true)
        {
            apps.Reset();
            tokens.Clear();
            codes.Clear();
        }

        return TypedResults.NoContent();
    }

    private static Created<Fault> AddFault(AddFaultRequest? body, FaultList<Fault> faults)
    {
        var fault = new Fault(body!.Endpoint!, body.Status, body.DelayMs ?? 0, body.Count ?? 1);
        faults.Add(fault);
        return TypedResults.Created((string?)null, fault);
    }

    private static Results<Ok<TokenResponse>, ValidationProblem> IssueBusinessToken(
        BusinessTokenRequest? body, AppRegistry apps, TokenStore tokens, IOptions<VcitaEmulatorOptions> options)
    {
        if ((body!.ClientId is null ? apps.Default : apps.Find(body.ClientId)) is not { } app)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["client_id"] = ["is not a registered app"] });
        }

        return TypedResults.Ok(tokens.IssueBusinessToken(app.ClientId, body.BusinessUid ?? options.Value.DefaultBusinessUid).ToResponse());
    }

    private static Results<Accepted<TriggeredCallbacks>, ProblemHttpResult> ChannelStatus(
        ChannelStatusTrigger? body, VcitaState state, VcitaCallbacks callbacks)
    {
        if (state.UpdateChannel(body!.ChannelUid!, body.Status, displayName: null, record: false) is not { } channel)
        {
            return NotFound("channel", body.ChannelUid!);
        }

        return body.NotifyApp == false
            ? Accepted([])
            : Accepted(callbacks.ChannelStatus(channel, body.Status!, TimeSpan.Zero, "channel status (control)", body.Duplicate, body.DelayMs));
    }

    private static Results<Accepted<TriggeredCallbacks>, ProblemHttpResult> SessionStatus(
        SessionStatusTrigger? body, VcitaState state, VcitaCallbacks callbacks)
    {
        if (state.UpdateSession(body!.SessionUid!, body.Status!, record: false) is not { } session)
        {
            return NotFound("session", body.SessionUid!);
        }

        if (body.AiStatus is { } aiStatus)
        {
            session = state.SetAiStatus(session.Uid, aiStatus)!;
        }

        var app = state.FindChannel(session.ChannelUid)!.AppClientId;
        return Accepted(callbacks.SessionStatus(session, app, session.Status, TimeSpan.Zero, "session status (control)", body.Duplicate, body.DelayMs));
    }

    private static Results<Accepted<TriggeredCallbacks>, ProblemHttpResult> MessageStatus(
        MessageStatusTrigger? body, VcitaState state, VcitaCallbacks callbacks)
    {
        var (message, refusal) = state.UpdateMessage(body!.ChannelUid!, body.MessageUid!, body.Status!, record: false);
        if (message is null)
        {
            return refusal == Refusal.ChannelNotFound ? NotFound("channel", body.ChannelUid!) : NotFound("message", body.MessageUid!);
        }

        var channel = state.FindChannel(message.ChannelUid)!;
        return Accepted(callbacks.MessageStatus(channel, message.MessageUid, message.Status, body.Duplicate, body.DelayMs));
    }

    private static Results<Accepted<TriggeredCallbacks>, ProblemHttpResult> StaffMessage(
        StaffMessageTrigger? body, VcitaState state, VcitaCallbacks callbacks)
    {
        if (state.FindSession(body!.SessionUid!) is not { } session)
        {
            return NotFound("session", body.SessionUid!);
        }

        var (message, refusal) = state.AddMessage(
            session.ChannelUid, body.MessageUid ?? Uids.New(), session.ExternalUid, body.Message!, session.ContactUid, "business_to_client",
            createdAt: null, attachments: null);
        if (message is null)
        {
            return TypedResults.Problem($"message_uid '{body.MessageUid}' already exists in the channel ({refusal})", statusCode: StatusCodes.Status409Conflict);
        }

        var channel = state.FindChannel(session.ChannelUid)!;
        return Accepted(callbacks.StaffMessage(channel, message, body.Duplicate, body.DelayMs));
    }

    private static Results<Accepted<TriggeredCallbacks>, ProblemHttpResult> StaffTyping(
        StaffTypingTrigger? body, VcitaState state, VcitaCallbacks callbacks)
    {
        if (state.FindSession(body!.SessionUid!) is not { } session)
        {
            return NotFound("session", body.SessionUid!);
        }

        var app = state.FindChannel(session.ChannelUid)!.AppClientId;
        return Accepted(callbacks.StaffTyping(session, app, body.Typing!.Value, body.Duplicate, body.DelayMs));
    }

    private static NoContent DuplicateNext(DuplicateNextRequest? body, CallbackBehaviour behaviour)
    {
        behaviour.DuplicateNext(body!.Count!.Value);
        return TypedResults.NoContent();
    }

    private static NoContent HoldNext(HoldNextRequest? body, CallbackBehaviour behaviour)
    {
        behaviour.HoldNext(body!.Count!.Value, body.DelayMs!.Value);
        return TypedResults.NoContent();
    }

    private static Accepted<TriggeredCallbacks> Accepted(IReadOnlyList<CallbackRecord> records) =>
        TypedResults.Accepted((string?)null, new TriggeredCallbacks([.. records.Select(r => r.Id)]));

    private static ProblemHttpResult NotFound(string what, string uid) =>
        TypedResults.Problem($"{what} '{uid}' not found", statusCode: StatusCodes.Status404NotFound);
}
