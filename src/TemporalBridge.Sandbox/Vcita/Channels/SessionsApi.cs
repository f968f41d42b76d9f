using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Channels;

/// <summary>
/// VCS sessions, with a business token acting for the session's business. Creating or changing one is confirmed
/// by a call to the channel's app after <c>SessionActivationDelayMs</c>.
/// </summary>
public static class SessionsApi
{
    public static void MapSessions(this RouteGroupBuilder communication)
    {
        var sessions = communication.MapGroup("/sessions").RequireToken(TokenKind.Business);

        sessions.MapPost("/", CreateSession).Emulates(VcitaEndpoints.SessionsCreate).Validates<CreateSessionRequest>();
        sessions.MapGet("/", ListSessions).Emulates(VcitaEndpoints.SessionsList);
        sessions.MapPost("/typing", Typing).Emulates(VcitaEndpoints.SessionsTyping).Validates<TypingRequest>();
        sessions.MapPut("/{uid}", UpdateSession).Emulates(VcitaEndpoints.SessionsUpdate).Validates<UpdateSessionRequest>();
    }

    private static Results<Created<VcitaSuccess<SessionData>>, JsonHttpResult<VcitaFailure>> CreateSession(
        CreateSessionRequest? body, HttpContext http, VcitaState state, VcitaCallbacks callbacks)
    {
        if (NotForThisBusiness(http, body!.BusinessUid!) is { } refused)
        {
            return refused;
        }

        var (session, refusal) = state.CreateSession(body.BusinessUid!, body.ChannelUid!, body.ContactUid!, body.ExternalUid!);
        switch (refusal)
        {
            case Refusal.ChannelNotFound:
                return VcitaResults.NotFound("channel", body.ChannelUid!);
            case Refusal.BusinessMismatch:
                return VcitaResults.Unprocessable(VcitaErrorCodes.Invalid, "business_uid is invalid: the channel belongs to another business");
            case Refusal.SessionAlreadyExists:
                return VcitaResults.Unprocessable(VcitaErrorCodes.AlreadyExists, "Session already exist");
        }

        callbacks.SessionActivated(session!, state.FindChannel(session!.ChannelUid)!.AppClientId);
        return VcitaResults.Created(new SessionData(session.ToView()));
    }

    private static Results<Ok<VcitaSuccess<SessionsData>>, JsonHttpResult<VcitaFailure>> ListSessions(
        [FromQuery(Name = "channel_uid")] string? channelUid,
        [FromQuery(Name = "business_uid")] string? businessUid,
        [FromQuery(Name = "contact_uid")] string? contactUid,
        HttpContext http,
        VcitaState state)
    {
        var check = new VcitaValidation();
        check.Required("channel_uid", channelUid);
        check.BusinessUid("business_uid", businessUid);
        if (!check.IsValid)
        {
            return VcitaResults.Failure(StatusCodes.Status422UnprocessableEntity, check.Errors);
        }

        if (NotForThisBusiness(http, businessUid!) is { } refused)
        {
            return refused;
        }

        if (state.FindChannel(channelUid!) is null)
        {
            return VcitaResults.NotFound("channel", channelUid!);
        }

        var sessions = state.FindSessions(channelUid!, businessUid!, contactUid);
        return VcitaResults.Ok(new SessionsData([.. sessions.Select(s => s.ToView())]));
    }

    private static Results<Ok<VcitaSuccess<SessionData>>, JsonHttpResult<VcitaFailure>> UpdateSession(
        string uid, UpdateSessionRequest? body, HttpContext http, VcitaState state, VcitaCallbacks callbacks,
        IOptions<VcitaEmulatorOptions> options)
    {
        if (state.FindSession(uid) is not { } existing)
        {
            return VcitaResults.NotFound("session", uid);
        }

        if (NotForThisBusiness(http, existing.BusinessUid) is { } refused)
        {
            return refused;
        }

        var session = state.UpdateSession(uid, body!.Status!, record: true)!;
        callbacks.SessionStatus(
            session, state.FindChannel(session.ChannelUid)!.AppClientId, session.Status,
            TimeSpan.FromMilliseconds(options.Value.SessionActivationDelayMs), "session status confirmation");
        return VcitaResults.Ok(new SessionData(session.ToView()));
    }

    private static Results<Ok<VcitaSuccess<TypingData>>, JsonHttpResult<VcitaFailure>> Typing(
        TypingRequest? body, HttpContext http, VcitaState state)
    {
        if (state.FindSession(body!.SessionUid!) is not { } session)
        {
            return VcitaResults.NotFound("session", body.SessionUid!);
        }

        if (NotForThisBusiness(http, session.BusinessUid) is { } refused)
        {
            return refused;
        }

        state.RecordTyping(session.Uid, body.Typing!.Value);
        return VcitaResults.Ok(new TypingData(session.Uid, body.Typing.Value));
    }

    /// <summary>A business token acts for its own business only.</summary>
    internal static JsonHttpResult<VcitaFailure>? NotForThisBusiness(HttpContext http, string businessUid) =>
        http.Token().BusinessUid == businessUid
            ? null
            : VcitaResults.Unauthorized($"the token does not act for business '{businessUid}'");
}
