using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>
/// The Send API (<c>POST /{page-id}/messages</c>: texts and sender actions) and the User Profile API
/// (<c>GET /{psid}?fields=…</c>), each with its Page's own token, Meta's window rules, injected faults and the echo and
/// delivery webhooks that follow a send. Every call is recorded with its answer. Shapes and rules follow Meta's
/// Send API reference (developers.facebook.com/docs/messenger-platform/reference/send-api: recipient, messaging_type,
/// message.text up to 2,000 characters, message.metadata up to 1,000, tag), its sender actions page
/// (/docs/messenger-platform/send-messages/sender-actions: a body of recipient and sender_action alone, answered
/// with recipient_id), message tags and the 24-hour window (/docs/messenger-platform/send-messages/message-tags,
/// /policy/policy-overview: HUMAN_AGENT up to 7 days), and the User Profile API
/// (/docs/messenger-platform/identity/user-profile: first_name, last_name, profile_pic, with the Page's token).
/// </summary>
/// <remarks>
/// Where Meta's reference allows more than the bridge uses, the emulator is strict and says so in its answer: a
/// recipient only by <c>id</c>, a message only as <c>text</c> (attachments, quick replies and templates are not
/// emulated), tags only <c>HUMAN_AGENT</c> (Meta is retiring the others), sender actions only <c>typing_on</c>,
/// <c>typing_off</c> and <c>mark_seen</c>, and no property the reference does not name. Sender actions need a person
/// who wrote to the Page, but no open window (Meta's reference names no window for them).
/// </remarks>
public static partial class SendApi
{
    private static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    /// <summary>How long a send waits for its echo's first attempt: Meta's echo can reach the app before the answer does.</summary>
    private static readonly TimeSpan EchoFirstWait = TimeSpan.FromSeconds(2);

    private const int MaxTextLength = 2000;
    private const int MaxMetadataLength = 1000;

    private static readonly string[] TopLevelProperties = ["recipient", "messaging_type", "message", "tag", "sender_action", "notification_type", "persona_id"];
    private static readonly string[] SenderActions = ["typing_on", "typing_off", "mark_seen"];
    private static readonly string[] MessagingTypes = ["RESPONSE", "UPDATE", "MESSAGE_TAG"];
    private static readonly string[] ProfileFields = ["first_name", "last_name", "profile_pic"];

    public static void MapSendApi(this RouteGroupBuilder graph)
    {
        graph.MapPost("/{pageId}/messages", PostAsync);
        graph.MapGet("/{psid}", GetProfile);
    }

    private static async Task<IResult> PostAsync(string pageId, HttpRequest request, SendApiServices services, CancellationToken aborted)
    {
        var json = await ReadAsync(request, aborted);
        var operation = json?.ValueKind == JsonValueKind.Object && json.Value.TryGetProperty("sender_action", out var action) && action.ValueKind == JsonValueKind.String
            ? action.GetString()!
            : "send";
        var psid = json?.ValueKind == JsonValueKind.Object && json.Value.TryGetProperty("recipient", out var to) && to.ValueKind == JsonValueKind.Object
            && to.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

        IResult Refuse(SendApiError error)
        {
            services.Calls.Add(operation, pageId, psid, null, error.HttpStatus, error, json);
            return SendApiErrors.Answer(error);
        }

        var page = services.PageOfToken(request);
        if (page is null)
        {
            return Refuse(SendApiErrors.InvalidToken);
        }
        if (page.PageId != pageId)
        {
            return Refuse(SendApiErrors.UnknownObject(pageId, "post"));
        }
        if (services.Faults.Take(f => f.Matches(operation, pageId)) is { } fault)
        {
            return Refuse(fault.Error);
        }
        if (json?.ValueKind != JsonValueKind.Object)
        {
            return Refuse(SendApiErrors.InvalidParameter("The request body must be a JSON object"));
        }
        if (Problem(json.Value) is { } problem)
        {
            return Refuse(SendApiErrors.InvalidParameter(problem));
        }

        var person = services.People.Find(pageId, psid!);
        if (person is null)
        {
            return Refuse(SendApiErrors.NoMatchingUser);
        }
        if (operation != "send")
        {
            services.Calls.Add(operation, pageId, psid, null, StatusCodes.Status200OK, null, json);
            LogSenderAction(services.Logger, operation, pageId);
            return TypedResults.Json(new SendApiAnswer(person.Psid), MessengerJsonContext.Default.SendApiAnswer);
        }

        var type = json.Value.GetProperty("messaging_type").GetString()!;
        var tag = json.Value.TryGetProperty("tag", out var t) ? t.GetString() : null;
        var now = services.Time.GetUtcNow();
        var window = type == "MESSAGE_TAG" && services.Options.Value.HumanAgentPermission ? HumanAgentWindow : StandardWindow;
        if (person.LastWrote is not { } lastWrote || now - lastWrote >= window || (type == "MESSAGE_TAG" && !services.Options.Value.HumanAgentPermission))
        {
            return Refuse(SendApiErrors.OutsideWindow);
        }

        var message = json.Value.GetProperty("message");
        var text = message.GetProperty("text").GetString()!;
        var metadata = message.TryGetProperty("metadata", out var m) ? m.GetString() : null;
        var sent = new SentPageMessage(PagePeople.NewMid(), pageId, person.Psid, text, type, tag, metadata, now);
        services.People.Sent(sent);
        services.Calls.Add(operation, pageId, psid, sent.Mid, StatusCodes.Status200OK, null, json);
        LogSend(services.Logger, type, pageId);

        // The echo first, and its first attempt awaited (briefly): the bridge must know its own message by metadata
        // before it has the id.
        var echo = services.Webhooks.Post("echo", pageId, [EchoOf(sent, services.Options.Value.AppId)]);
        try
        {
            await echo.FirstAttempt.WaitAsync(EchoFirstWait, services.Time, aborted);
        }
        catch (TimeoutException)
        {
            // A slow bridge gets its answer anyway; the echo follows when it can.
        }
        services.Webhooks.Post("delivery", pageId, [Watermark(sent, services.Time.GetUtcNow(), read: false)], TimeSpan.FromMilliseconds(services.Options.Value.DeliveryDelayMs));
        return TypedResults.Json(new SendApiAnswer(person.Psid, sent.Mid), MessengerJsonContext.Default.SendApiAnswer);
    }

    /// <summary>The first thing wrong with a Send API body, in Meta's manner of naming it; null when it is fine.</summary>
    private static string? Problem(JsonElement body)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!TopLevelProperties.Contains(property.Name))
            {
                return $"Param {property.Name} is not a Send API parameter";
            }
        }
        if (!body.TryGetProperty("recipient", out var recipient) || recipient.ValueKind != JsonValueKind.Object)
        {
            return "param recipient must be non-empty.";
        }
        if (recipient.EnumerateObject().Count() != 1 || !recipient.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || id.GetString() is not { Length: > 0 } psid || !psid.All(char.IsAsciiDigit))
        {
            return "param recipient must hold exactly an id: a page-scoped id, as digits in a string (other recipient kinds are not emulated)";
        }
        if (body.TryGetProperty("sender_action", out var action))
        {
            if (action.ValueKind != JsonValueKind.String || !SenderActions.Contains(action.GetString()))
            {
                return $"param sender_action must be one of {string.Join(", ", SenderActions)} (reactions are not emulated)";
            }
            return body.EnumerateObject().Count() == 2 ? null : "a sender action is sent with recipient alone, with no message or other parameter";
        }
        if (!body.TryGetProperty("messaging_type", out var type) || type.ValueKind != JsonValueKind.String || !MessagingTypes.Contains(type.GetString()))
        {
            return $"param messaging_type must be one of {string.Join(", ", MessagingTypes)}";
        }
        var tagged = body.TryGetProperty("tag", out var tag);
        if (type.GetString() == "MESSAGE_TAG" && (!tagged || tag.ValueKind != JsonValueKind.String || tag.GetString() != "HUMAN_AGENT"))
        {
            return "param tag must be HUMAN_AGENT with messaging_type MESSAGE_TAG (the other tags are retired)";
        }
        if (type.GetString() != "MESSAGE_TAG" && tagged)
        {
            return "param tag is only taken with messaging_type MESSAGE_TAG";
        }
        if (!body.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return "param message must be non-empty.";
        }
        foreach (var property in message.EnumerateObject())
        {
            if (property.Name is not ("text" or "metadata"))
            {
                return $"param message.{property.Name} is not emulated: a message is a text, with optional metadata";
            }
        }
        if (!message.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || text.GetString()!.Trim().Length == 0)
        {
            return "param message must have text (a non-empty string)";
        }
        if (text.GetString()!.EnumerateRunes().Count() > MaxTextLength)
        {
            return $"param message.text must be at most {MaxTextLength} characters";
        }
        if (message.TryGetProperty("metadata", out var metadata)
            && (metadata.ValueKind != JsonValueKind.String || metadata.GetString()!.Length > MaxMetadataLength))
        {
            return $"param message.metadata must be a string of at most {MaxMetadataLength} characters";
        }
        return null;
    }

    private static IResult GetProfile(string psid, string? fields, HttpRequest request, SendApiServices services)
    {
        IResult Answer(int status, SendApiError? error, IResult result)
        {
            services.Calls.Add("profile", null, psid, null, status, error, null);
            return result;
        }

        var page = services.PageOfToken(request);
        if (page is null)
        {
            return Answer(401, SendApiErrors.InvalidToken, SendApiErrors.Answer(SendApiErrors.InvalidToken));
        }
        var person = services.People.Find(page.PageId, psid);
        if (person is null)
        {
            var unknown = SendApiErrors.UnknownObject(psid, "get");
            return Answer(unknown.HttpStatus, unknown, SendApiErrors.Answer(unknown));
        }
        if (services.Faults.Take(f => f.Matches("profile", page.PageId)) is { } fault)
        {
            return Answer(fault.Error.HttpStatus, fault.Error, SendApiErrors.Answer(fault.Error));
        }
        var asked = (fields ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var other = asked.FirstOrDefault(f => !ProfileFields.Contains(f));
        if (asked.Length == 0 || other is not null)
        {
            var wrong = SendApiErrors.InvalidParameter(other is null ? "param fields is required" : $"Tried accessing nonexisting field ({other})");
            return Answer(wrong.HttpStatus, wrong, SendApiErrors.Answer(wrong));
        }
        if (person.FirstName is null && person.LastName is null)
        {
            return Answer(SendApiErrors.NoProfile.HttpStatus, SendApiErrors.NoProfile, SendApiErrors.Answer(SendApiErrors.NoProfile));
        }
        var profile = new ProfileAnswer(person.Psid, asked.Contains("first_name") ? person.FirstName : null, asked.Contains("last_name") ? person.LastName : null);
        return Answer(200, null, TypedResults.Json(profile, MessengerJsonContext.Default.ProfileAnswer));
    }

    internal static MessagingEvent EchoOf(SentPageMessage sent, string appId) =>
        new(new PageParty(sent.PageId), new PageParty(sent.Psid), sent.At.ToUnixTimeMilliseconds())
        {
            Message = new PageMessage(sent.Mid, sent.Text) { IsEcho = true, AppId = long.Parse(appId, System.Globalization.CultureInfo.InvariantCulture), Metadata = sent.Metadata },
        };

    internal static MessagingEvent Watermark(SentPageMessage sent, DateTimeOffset upTo, bool read)
    {
        var watermark = new WatermarkEvent(upTo.ToUnixTimeMilliseconds());
        return new MessagingEvent(new PageParty(sent.Psid), new PageParty(sent.PageId), upTo.ToUnixTimeMilliseconds())
        {
            Delivery = read ? null : watermark,
            Read = read ? watermark : null,
        };
    }

    private static async Task<JsonElement?> ReadAsync(HttpRequest request, CancellationToken aborted)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, MessengerJsonContext.Default.JsonElement, aborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Never the text, the token or a PSID.
    [LoggerMessage(Level = LogLevel.Information, Message = "Messenger emulator accepted a {MessagingType} message from Page {PageId}")]
    private static partial void LogSend(ILogger logger, string messagingType, string pageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Messenger emulator accepted {Action} on Page {PageId}")]
    private static partial void LogSenderAction(ILogger logger, string action, string pageId);
}

/// <summary>What the Send API handlers need, in one parameter so their signatures stay readable.</summary>
public sealed class SendApiServices(
    IOptions<MessengerEmulatorOptions> options,
    PageTokens tokens,
    PagePeople people,
    FaultList<SendApiFault> faults,
    SendApiCallLog calls,
    PageWebhookSender webhooks,
    TimeProvider time,
    ILogger<SendApiServices> logger)
{
    public IOptions<MessengerEmulatorOptions> Options => options;

    public PagePeople People => people;

    public FaultList<SendApiFault> Faults => faults;

    public SendApiCallLog Calls => calls;

    public PageWebhookSender Webhooks => webhooks;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    /// <summary>The Page whose token the call carries (<c>Authorization: Bearer</c>, or Meta's <c>access_token</c> query
    /// parameter), compared in constant time; null for none or an unknown one.</summary>
    public FacebookPage? PageOfToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : request.Query["access_token"].ToString();
        return token.Length == 0 ? null : tokens.PageOf(token);
    }
}

/// <summary>Each Page's current token: the configured one, until the control API revokes it or issues a new one (as a
/// changed password or a removed admin does at Meta).</summary>
public sealed class PageTokens(IOptions<MessengerEmulatorOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string?> replaced = new(StringComparer.Ordinal);

    public FacebookPage? PageOf(string token)
    {
        lock (gate)
        {
            return options.Value.AllPages().FirstOrDefault(page => Current(page) is { } current
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(token)));
        }
    }

    /// <summary>Replaces the Page's token; null revokes it, so every call with the old one is refused with 190.</summary>
    public void Replace(string pageId, string? token)
    {
        lock (gate)
        {
            replaced[pageId] = token;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            replaced.Clear();
        }
    }

    /// <summary>The Page's token now; null once revoked. What Meta's <c>/me/accounts</c> gives an admin of the Page.</summary>
    public string? CurrentToken(string pageId)
    {
        lock (gate)
        {
            return options.Value.AllPages().FirstOrDefault(page => page.PageId == pageId) is { } page ? Current(page) : null;
        }
    }

    private string? Current(FacebookPage page) => replaced.TryGetValue(page.PageId, out var token) ? token : page.AccessToken;
}
