using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Channels;

/// <summary>
/// VCS sessions (communication.json paths./sessions, ./sessions/{uid}), with a business token
/// acting for the session's business. Creating or changing one is confirmed by a call to the channel's app after
/// <c>SessionActivationDelayMs</c>.
/// </summary>
public static class SessionsApi
{
    /// <summary>
    /// <c>GET /sessions</c>'s filters. The spec's parameter list names them <c>channel_uid</c>, <c>business_uid</c> and
    /// <c>contact_uid</c>, but its description says they are deep-object filters (<c>filter[channel_uid]=…</c>), and
    /// vcita's own test sends <c>filter[business_uid]</c> and <c>filter[channel_uid]</c>
    /// (get_business_communication_sessions.md). The emulator takes only the <c>filter[…]</c> form.
    /// </summary>
    public const string ChannelFilter = "filter[channel_uid]";
    public const string BusinessFilter = "filter[business_uid]";
    public const string ContactFilter = "filter[contact_uid]";

    public static void MapSessions(this RouteGroupBuilder communication)
    {
        var sessions = communication.MapGroup("/sessions").RequireToken(TokenKind.Business);

        sessions.MapPost("/", CreateSession).Emulates(VcitaEndpoints.SessionsCreate).Validates<CreateSessionRequest>();
        sessions.MapGet("/", ListSessions).Emulates(VcitaEndpoints.SessionsList);
        sessions.MapPut("/{uid}", UpdateSession).Emulates(VcitaEndpoints.SessionsUpdate).Validates<UpdateSessionRequest>();
        sessions.MapDelete("/{uid}", DeleteSession).Emulates(VcitaEndpoints.SessionsDelete);
    }

    /// <summary>201 <c>data.session</c> (paths./sessions.post.responses.201). A channel that is not active yet is 422, as
    /// vcita's own test expects (post_business_communication_sessions.md). A second session for the same contact on the
    /// channel is 422 <c>already_exists</c>: vcita documents no answer for it; that one is the emulator's choice.</summary>
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
            case Refusal.ChannelNotActive:
                return VcitaResults.Unprocessable(VcitaErrorCodes.Invalid, "channel_uid is invalid: the channel is not active");
            case Refusal.SessionAlreadyExists:
                return VcitaResults.Unprocessable(VcitaErrorCodes.AlreadyExists, "Session already exist");
        }

        callbacks.SessionActivated(session!, state.FindChannel(session!.ChannelUid)!.AppClientId);
        return VcitaResults.Created(new SessionData(session.ToEntity()));
    }

    /// <summary>200 <c>data.sessions</c> (paths./sessions.get.responses.200). The business and channel filters are
    /// required (the test file names them the two mandatory filters).</summary>
    private static Results<Ok<VcitaSuccess<SessionsData>>, JsonHttpResult<VcitaFailure>> ListSessions(
        [FromQuery(Name = ChannelFilter)] string? channelUid,
        [FromQuery(Name = BusinessFilter)] string? businessUid,
        [FromQuery(Name = ContactFilter)] string? contactUid,
        HttpContext http,
        VcitaState state)
    {
        var check = new VcitaValidation();
        check.Required(ChannelFilter, channelUid);
        check.BusinessUid(BusinessFilter, businessUid);
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
        return VcitaResults.Ok(new SessionsData([.. sessions.Select(s => s.ToEntity())]));
    }

    /// <summary>200 <c>data.session</c> (paths./sessions/{uid}.put.responses.200): the request is received; the app is
    /// called back once the change is made.</summary>
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
        return VcitaResults.Ok(new SessionData(session.ToEntity()));
    }

    /// <summary>200 <c>data: {}</c> (paths./sessions/{uid}.delete: a logical delete).</summary>
    private static Results<Ok<VcitaSuccess<Nothing>>, JsonHttpResult<VcitaFailure>> DeleteSession(string uid, HttpContext http, VcitaState state)
    {
        if (state.FindSession(uid) is not { } existing)
        {
            return VcitaResults.NotFound("session", uid);
        }

        if (NotForThisBusiness(http, existing.BusinessUid) is { } refused)
        {
            return refused;
        }

        state.UpdateSession(uid, "deleted", record: true);
        return VcitaResults.Done();
    }

    /// <summary>A business token acts for its own business only.</summary>
    internal static JsonHttpResult<VcitaFailure>? NotForThisBusiness(HttpContext http, string businessUid) =>
        http.Token().BusinessUid == businessUid
            ? null
            : VcitaResults.Unauthorized($"the token does not act for business '{businessUid}'");
}
