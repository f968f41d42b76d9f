using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Channels;

/// <summary>VCS channels, with an app token. Creating one calls the app back with <c>active</c> after a delay.</summary>
public static class ChannelsApi
{
    public static void MapChannels(this RouteGroupBuilder communication)
    {
        var channels = communication.MapGroup("/channels").RequireToken(TokenKind.App);

        channels.MapPost("/", CreateChannel).Emulates(VcitaEndpoints.ChannelsCreate).Validates<CreateChannelRequest>();
        channels.MapPut("/{uid}", UpdateChannel).Emulates(VcitaEndpoints.ChannelsUpdate).Validates<UpdateChannelRequest>();
        channels.MapDelete("/{uid}", DeleteChannel).Emulates(VcitaEndpoints.ChannelsDelete);
    }

    private static Created<VcitaSuccess<ChannelData>> CreateChannel(
        CreateChannelRequest? body, HttpContext http, VcitaState state, VcitaCallbacks callbacks)
    {
        var channel = state.CreateChannel(body!.BusinessUid!, body.Type!, body.DisplayName!, http.Token().ClientId);
        // Queued before answering: with a zero delay the callback can reach the app before this 201 does.
        callbacks.ChannelActivated(channel);
        return VcitaResults.Created(new ChannelData(channel.ToView()));
    }

    private static Results<Ok<VcitaSuccess<ChannelData>>, JsonHttpResult<VcitaFailure>> UpdateChannel(
        string uid, UpdateChannelRequest? body, VcitaState state) =>
        state.UpdateChannel(uid, body!.Status, body.DisplayName, record: true) is { } channel
            ? VcitaResults.Ok(new ChannelData(channel.ToView()))
            : VcitaResults.NotFound("channel", uid);

    private static Results<Ok<VcitaSuccess<ChannelData>>, JsonHttpResult<VcitaFailure>> DeleteChannel(string uid, VcitaState state) =>
        state.UpdateChannel(uid, "deleted", displayName: null, record: true) is { } channel
            ? VcitaResults.Ok(new ChannelData(channel.ToView()))
            : VcitaResults.NotFound("channel", uid);
}
