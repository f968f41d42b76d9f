using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Channels;

/// <summary>
/// VCS channels (communication.json paths./channels, ./channels/{uid}), with an app token. Creating one calls the
/// app back with <c>active</c> after a delay.
/// </summary>
public static class ChannelsApi
{
    public static void MapChannels(this RouteGroupBuilder communication)
    {
        var channels = communication.MapGroup("/channels").RequireToken(TokenKind.App);

        channels.MapPost("/", CreateChannel).Emulates(VcitaEndpoints.ChannelsCreate).Validates<CreateChannelRequest>();
        channels.MapPut("/{uid}", UpdateChannel).Emulates(VcitaEndpoints.ChannelsUpdate).Validates<UpdateChannelRequest>();
        channels.MapDelete("/{uid}", DeleteChannel).Emulates(VcitaEndpoints.ChannelsDelete);
    }

    /// <summary>201 <c>data.channel</c> (paths./channels.post.responses.201). vcita does not say what <c>display_name</c>
    /// is when none was given; the emulator answers an empty one (the field is required in the answer).</summary>
    private static Created<VcitaSuccess<ChannelData>> CreateChannel(
        CreateChannelRequest? body, HttpContext http, VcitaState state, VcitaCallbacks callbacks)
    {
        var channel = state.CreateChannel(body!.BusinessUid!, body.Type!, body.DisplayName ?? "", http.Token().ClientId);
        // Queued before answering: with a zero delay the callback can reach the app before this 201 does.
        callbacks.ChannelActivated(channel);
        return VcitaResults.Created(new ChannelData(channel.ToEntity()));
    }

    /// <summary>200 <c>data: {}</c> (paths./channels/{uid}.put.responses.200: BaseDto).</summary>
    private static Results<Ok<VcitaSuccess<Nothing>>, JsonHttpResult<VcitaFailure>> UpdateChannel(
        string uid, UpdateChannelRequest? body, VcitaState state) =>
        state.UpdateChannel(uid, body!.Status, body.DisplayName, record: true) is not null
            ? VcitaResults.Done()
            : VcitaResults.NotFound("channel", uid);

    /// <summary>200 <c>data: {}</c> (paths./channels/{uid}.delete.responses.200: BaseDto).</summary>
    private static Results<Ok<VcitaSuccess<Nothing>>, JsonHttpResult<VcitaFailure>> DeleteChannel(string uid, VcitaState state) =>
        state.UpdateChannel(uid, "deleted", displayName: null, record: true) is not null
            ? VcitaResults.Done()
            : VcitaResults.NotFound("channel", uid);
}
