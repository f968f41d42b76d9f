using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Messenger.Chats;
using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>
/// For tests and humans, under <c>/messenger-emulator/_control</c>: simulated people and what they do (write, react,
/// tap a button, read, write while another app owns the conversation), replies from the Page Inbox, Page tokens revoked or renewed, Send API faults, and everything the emulator sent and
/// received. Not part of Meta's API; errors are ProblemDetails.
/// </summary>
public static class ControlApi
{
    /// <summary>The Page Inbox's app id, as Meta's echoes of messages sent from the Page Inbox or Business Suite carry it
    /// (the value Chatwoot's and other inboxes' fixtures use).</summary>
    public const long PageInboxAppId = 263902037430900;

    public static void MapMessengerControl(this RouteGroupBuilder emulator)
    {
        var control = emulator.MapGroup("/_control").WithTags("Messenger emulator control");

        control.MapPost("/people", CreatePerson).Validates<CreatePersonRequest>();
        control.MapGet("/people", (PagePeople people) => TypedResults.Ok(people.All));
        control.MapGet("/pages", (IOptions<MessengerEmulatorOptions> options) => TypedResults.Ok(options.Value.AllPages().Select(p => new PageView(p.PageId, p.Name)).ToList()));
        control.MapPost("/messages", PersonWrites).Validates<PersonMessageRequest>();
        control.MapPost("/reads", PersonReads).Validates<PersonEventRequest>();
        control.MapPost("/inbox-replies", InboxReplies).Validates<PersonEventRequest>();
        control.MapPost("/standby", PersonWritesInStandby).Validates<PersonEventRequest>();
        control.MapPost("/reactions", PersonReacts).Validates<ReactionRequest>();
        control.MapPost("/postbacks", PersonTapsAButton).Validates<PostbackRequest>();
        control.MapPost("/pages/{pageId}/token", ReplaceToken).Validates<PageTokenRequest>();

        control.MapMessengerChats();
        control.MapGet("/calls", (string? operation, SendApiCallLog calls) => TypedResults.Ok(calls.All(operation)));
        control.MapGet("/sent", (PagePeople people) => TypedResults.Ok(people.SentMessages));
        control.MapGet("/webhooks", (PageWebhookLog log) => TypedResults.Ok(log.Views()));

        control.MapGet("/faults", (FaultList<SendApiFault> faults) => TypedResults.Ok(faults.Pending));
        control.MapPost("/faults", (AddSendApiFaultRequest? body, FaultList<SendApiFault> faults) =>
        {
            faults.Add(body!.ToFault());
            return TypedResults.NoContent();
        }).Validates<AddSendApiFaultRequest>();
        control.MapDelete("/faults", (FaultList<SendApiFault> faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });

        control.MapPost("/reset", Reset);
    }

    private static Results<Created<PagePerson>, ValidationProblem> CreatePerson(CreatePersonRequest? body, PagePeople people, IOptions<MessengerEmulatorOptions> options)
    {
        var page = body!.PageId is null ? options.Value.AllPages()[0] : options.Value.AllPages().FirstOrDefault(p => p.PageId == body.PageId);
        return page is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page_id"] = ["is not one of the emulator's Pages"] })
            : TypedResults.Created((string?)null, people.Add(page.PageId, body.Psid, body.FirstName, body.LastName));
    }

    /// <summary>The person writes (a text, a photo or a location, as a reply or not): a <c>messages</c> webhook, and the
    /// Page's 24-hour window opens again. A reply names a message of this conversation, as the person's app offers no
    /// other.</summary>
    private static Results<Ok<QueuedPageEvent>, ValidationProblem> PersonWrites(PersonMessageRequest? body, PagePeople people, PageWebhookSender webhooks, TimeProvider time)
    {
        if (people.Find(body!.Psid) is not { } person)
        {
            return UnknownPerson();
        }
        var (written, sent, _) = people.Conversation(person.Psid);
        if (body.ReplyTo is { } quoted && written.All(m => m.Mid != quoted) && sent.All(m => m.Mid != quoted))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reply_to"] = ["is not a message of this person's conversation with the Page"] });
        }
        var now = time.GetUtcNow();
        var mid = PagePeople.NewMid();
        var message = new PageMessage(mid, body.ImageUrl is null && body.Location is null ? body.Text : null)
        {
            Attachments = body.Attachment() is { } attachment ? [attachment] : null,
            ReplyTo = body.ReplyTo is { } replyTo ? new PageReplyTo(replyTo) : null,
        };
        people.Wrote(person, new PersonMessage(mid, person.PageId, person.Psid, body.Preview(), now, body.ReplyTo));
        var messaging = new MessagingEvent(new PageParty(person.Psid), new PageParty(person.PageId), now.ToUnixTimeMilliseconds()) { Message = message };
        return TypedResults.Ok(new QueuedPageEvent(mid, webhooks.Post("message", person.PageId, [messaging]).Id));
    }

    /// <summary>The person writes while another app (or the Page Inbox) owns the conversation: Meta sends the message
    /// to this app under <c>standby</c>, for it to know, not to answer.</summary>
    private static Results<Ok<QueuedPageEvent>, ValidationProblem> PersonWritesInStandby(
        PersonEventRequest? body, PagePeople people, PageWebhookSender webhooks, TimeProvider time)
    {
        if (Find(people, body!) is not { } person)
        {
            return UnknownPerson();
        }
        var mid = PagePeople.NewMid();
        var written = new MessagingEvent(new PageParty(person.Psid), new PageParty(person.PageId), time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            Message = new PageMessage(mid, body!.Text ?? "hi"),
        };
        return TypedResults.Ok(new QueuedPageEvent(mid, webhooks.Post("standby", person.PageId, [written], standby: true).Id));
    }

    /// <summary>The person reacts to a message (theirs or the Page's): a <c>message_reactions</c> event; it opens the
    /// window as a message does.</summary>
    private static Results<Ok<QueuedPageEvent>, ValidationProblem> PersonReacts(ReactionRequest? body, PagePeople people, PageWebhookSender webhooks, TimeProvider time)
    {
        if (people.Find(body!.Psid) is not { } person)
        {
            return UnknownPerson();
        }
        var now = time.GetUtcNow();
        people.Wrote(person, now);
        var unreact = body!.Action == "unreact";
        var emoji = unreact ? null : body.Emoji ?? "\u2764\uFE0F";
        people.Reacted(body.Mid!, emoji);
        var reacted = new MessagingEvent(new PageParty(person.Psid), new PageParty(person.PageId), now.ToUnixTimeMilliseconds())
        {
            Reaction = new ReactionEvent(body.Reaction ?? "love", emoji, unreact ? "unreact" : "react", body.Mid!),
        };
        return TypedResults.Ok(new QueuedPageEvent(null, webhooks.Post("reaction", person.PageId, [reacted]).Id));
    }

    /// <summary>The person taps a button: a <c>messaging_postbacks</c> event with its own mid; it opens the window.</summary>
    private static Results<Ok<QueuedPageEvent>, ValidationProblem> PersonTapsAButton(PostbackRequest? body, PagePeople people, PageWebhookSender webhooks, TimeProvider time)
    {
        if (people.Find(body!.Psid) is not { } person)
        {
            return UnknownPerson();
        }
        var now = time.GetUtcNow();
        people.Wrote(person, now);
        var mid = PagePeople.NewMid();
        var tapped = new MessagingEvent(new PageParty(person.Psid), new PageParty(person.PageId), now.ToUnixTimeMilliseconds())
        {
            Postback = new PostbackEvent(mid, body!.Title!, body.Payload!),
        };
        return TypedResults.Ok(new QueuedPageEvent(mid, webhooks.Post("postback", person.PageId, [tapped]).Id));
    }

    /// <summary>The person reads the conversation: a <c>read</c> watermark of now.</summary>
    private static Results<Ok<QueuedPageEvent>, ValidationProblem> PersonReads(PersonEventRequest? body, PagePeople people, PageWebhookSender webhooks, TimeProvider time)
    {
        if (Find(people, body!) is not { } person)
        {
            return UnknownPerson();
        }
        var now = time.GetUtcNow();
        people.Read(person, now);
        var read = new MessagingEvent(new PageParty(person.Psid), new PageParty(person.PageId), now.ToUnixTimeMilliseconds())
        {
            Read = new WatermarkEvent(now.ToUnixTimeMilliseconds()),
        };
        return TypedResults.Ok(new QueuedPageEvent(null, webhooks.Post("read", person.PageId, [read]).Id));
    }

    /// <summary>Someone answers from the Page Inbox: Meta echoes it to every subscribed app, with the Inbox's app id
    /// and no metadata.</summary>
    private static Results<Ok<QueuedPageEvent>, ValidationProblem> InboxReplies(PersonEventRequest? body, PagePeople people, PageWebhookSender webhooks, TimeProvider time)
    {
        if (Find(people, body!) is not { } person)
        {
            return UnknownPerson();
        }
        if (string.IsNullOrWhiteSpace(body!.Text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["is required"] });
        }
        var mid = PagePeople.NewMid();
        var echo = new MessagingEvent(new PageParty(person.PageId), new PageParty(person.Psid), time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            Message = new PageMessage(mid, body.Text) { IsEcho = true, AppId = PageInboxAppId },
        };
        return TypedResults.Ok(new QueuedPageEvent(mid, webhooks.Post("inbox reply", person.PageId, [echo]).Id));
    }

    private static Results<NoContent, ValidationProblem> ReplaceToken(string pageId, PageTokenRequest? body, PageTokens tokens, IOptions<MessengerEmulatorOptions> options)
    {
        if (options.Value.AllPages().All(p => p.PageId != pageId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page_id"] = ["is not one of the emulator's Pages"] });
        }
        tokens.Replace(pageId, body!.AccessToken);
        return TypedResults.NoContent();
    }

    private static NoContent Reset(PagePeople people, PageTokens tokens, SendApiCallLog calls, PageWebhookLog webhooks, FaultList<SendApiFault> faults)
    {
        people.Clear();
        tokens.Clear();
        calls.Clear();
        webhooks.Clear();
        faults.Clear();
        return TypedResults.NoContent();
    }

    private static PagePerson? Find(PagePeople people, PersonEventRequest body) => people.Find(body.Psid);

    private static ValidationProblem UnknownPerson() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["psid"] = ["is not a person the emulator knows (POST /_control/people first)"] });
}
