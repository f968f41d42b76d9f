using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Channels;

/// <summary>
/// VCS messages an app injects (a client wrote), and the statuses it reports (communication.json paths./messages,
/// ./messages/{messageUid}), with a business token.
/// </summary>
public static class MessagesApi
{
    public static void MapMessages(this RouteGroupBuilder communication)
    {
        var messages = communication.MapGroup("/messages").RequireToken(TokenKind.Business);

        messages.MapPost("/", CreateMessage).Emulates(VcitaEndpoints.MessagesCreate).Validates<CreateMessageRequest>();
        messages.MapPut("/{message_uid}", UpdateMessage).Emulates(VcitaEndpoints.MessagesUpdate).Validates<UpdateMessageRequest>();
    }

    /// <summary>201 <c>data.message</c> (paths./messages.post.responses.201). The channel must be active
    /// (paths./messages.post.description). A message_uid already used in the channel is 422 <c>duplicate</c>: vcita
    /// says the uid is unique per channel but not how it answers a second one; that answer is the emulator's choice.</summary>
    private static Results<Created<VcitaSuccess<MessageData>>, JsonHttpResult<VcitaFailure>> CreateMessage(
        CreateMessageRequest? body, HttpContext http, VcitaState state)
    {
        if (state.FindChannel(body!.ChannelUid!) is not { } channel)
        {
            return VcitaResults.NotFound("channel", body.ChannelUid!);
        }

        if (SessionsApi.NotForThisBusiness(http, channel.BusinessUid) is { } refused)
        {
            return refused;
        }

        var (message, refusal) = state.AddMessage(
            channel.Uid, body.MessageUid!, body.ExternalUid!, body.Message!, body.ContactUid, body.Direction ?? "client_to_business",
            body.CreatedAt, body.Attachments);
        return refusal switch
        {
            Refusal.None => VcitaResults.Created(new MessageData(message!.ToEntity())),
            Refusal.ChannelNotActive => VcitaResults.Unprocessable(VcitaErrorCodes.Invalid, "channel_uid is invalid: the channel is not active"),
            Refusal.DuplicateMessageUid => VcitaResults.Unprocessable(
                VcitaErrorCodes.Duplicate, $"message_uid is a duplicate: '{body.MessageUid}' already exists in this channel"),
            _ => VcitaResults.NotFound("channel", channel.Uid),
        };
    }

    /// <summary>200 <c>data: {}</c> (paths./messages/{messageUid}.put.responses.200: BaseDto).</summary>
    private static Results<Ok<VcitaSuccess<Nothing>>, JsonHttpResult<VcitaFailure>> UpdateMessage(
        [FromRoute(Name = "message_uid")] string messageUid, UpdateMessageRequest? body, HttpContext http, VcitaState state)
    {
        if (state.FindChannel(body!.ChannelUid!) is not { } channel)
        {
            return VcitaResults.NotFound("channel", body.ChannelUid!);
        }

        if (SessionsApi.NotForThisBusiness(http, channel.BusinessUid) is { } refused)
        {
            return refused;
        }

        var (message, _) = state.UpdateMessage(channel.Uid, messageUid, body.Status!, record: true);
        return message is null ? VcitaResults.NotFound("message", messageUid) : VcitaResults.Done();
    }
}
