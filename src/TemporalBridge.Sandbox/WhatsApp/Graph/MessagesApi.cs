using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.WhatsApp.Chats;
using TemporalBridge.Sandbox.WhatsApp.Users;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>
/// <c>POST /{phone-number-id}/messages</c>: sends (text, template, reaction, media), read receipts and typing
/// indicators, with Meta's validation, the 24-hour customer-service window, injected faults, and status webhooks
/// after each accepted send. Every call is recorded with its answer.
/// </summary>
public static partial class MessagesApi
{
    private static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public static void MapGraphMessages(this RouteGroupBuilder graph) =>
        graph.MapPost("/{phoneNumberId}/messages", PostAsync).WithMetadata(new GraphEndpoint(GraphOperations.Send));

    private static async Task<Results<JsonHttpResult<SendMessageResponse>, JsonHttpResult<SuccessResponse>, JsonHttpResult<GraphErrorBody>, ContentHttpResult>>
        PostAsync(string phoneNumberId, HttpRequest request, GraphContextServices services, CancellationToken aborted)
    {
        var number = services.Options.Value.Numbers().FirstOrDefault(n => n.PhoneNumberId == phoneNumberId);
        var (json, body) = await ReadAsync(request, aborted);
        var operation = body is null ? GraphOperations.Send
            : !body.IsReadReceipt ? GraphOperations.Send
            : body.TypingIndicator is not null ? GraphOperations.Typing
            : GraphOperations.Read;
        var inbound = body?.IsReadReceipt == true && body.MessageId is not null ? services.Ledger.FindInbound(body.MessageId) : null;
        var recipient = operation == GraphOperations.Send ? body?.RecipientId : inbound?.UserKey;

        void Record(int status, int? errorCode, string? wamid = null) =>
            services.Calls.Add(operation, phoneNumberId, recipient, wamid ?? body?.MessageId, null, status, errorCode, json);

        if (number is null)
        {
            Record(StatusCodes.Status400BadRequest, GraphErrors.InvalidParameter);
            return GraphResults.UnknownObject(phoneNumberId, "post");
        }

        if (services.Faults.Take(f => f.Matches(operation, phoneNumberId, recipient)) is { } fault)
        {
            if (fault.DelayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), services.Time, aborted);
            }

            if (fault.Code is { } code)
            {
                Record(GraphErrors.Get(code).HttpStatus, code);
                return GraphResults.Error(code);
            }

            if (fault.HttpStatus is { } status)
            {
                Record(status, null);
                return TypedResults.Text("Service temporarily unavailable", "text/plain", statusCode: status);
            }
        }

        if (body is null)
        {
            Record(StatusCodes.Status400BadRequest, GraphErrors.InvalidParameter);
            return GraphResults.Error(GraphErrors.InvalidParameter, "The request body must be a JSON object.");
        }

        if (SendValidation.Problem(body) is { } problem)
        {
            Record(StatusCodes.Status400BadRequest, GraphErrors.InvalidParameter);
            return GraphResults.Error(GraphErrors.InvalidParameter, problem);
        }

        if (body.IsReadReceipt)
        {
            if (inbound is null || inbound.PhoneNumberId != phoneNumberId)
            {
                Record(StatusCodes.Status400BadRequest, GraphErrors.InvalidParameter);
                return GraphResults.Error(GraphErrors.InvalidParameter, $"Invalid message_id: '{body.MessageId}' is not a message this phone number received.");
            }

            Record(StatusCodes.Status200OK, null);
            LogReceipt(services.Logger, operation, phoneNumberId);
            return GraphResults.Json(new SuccessResponse(true), WhatsAppJsonContext.Default.SuccessResponse);
        }

        return await SendAsync(body, number, services, Record);
    }

    private static async Task<Results<JsonHttpResult<SendMessageResponse>, JsonHttpResult<SuccessResponse>, JsonHttpResult<GraphErrorBody>, ContentHttpResult>>
        SendAsync(SendMessageRequest body, BusinessNumber number, GraphContextServices services, Action<int, int?, string?> record)
    {
        var type = body.Type ?? "text";
        var input = body.RecipientId!;
        var user = services.Users.Find(input);
        var now = services.Time.GetUtcNow();
        if (type != "template" && (user is null || services.Users.LastWrote(number.PhoneNumberId, user) is not { } lastWrote || now - lastWrote >= CustomerServiceWindow))
        {
            record(StatusCodes.Status400BadRequest, GraphErrors.ReEngagement, null);
            return GraphResults.Error(GraphErrors.ReEngagement);
        }

        var waId = user is not null ? user.WaId : body.To is not null ? WhatsAppIds.NormalisePhone(body.To) : null;
        var userId = user?.UserId ?? (body.To is null ? body.Recipient : null);
        var message = new OutboundMessage(
            WhatsAppIds.NewWamid(), number.PhoneNumberId, user?.Key ?? waId ?? userId!, waId, userId, type, now, body.BizOpaqueCallbackData)
        {
            ByUserId = body.To is null,
            Preview = ChatPreviews.Of(body),
        };
        services.Ledger.Sent(message);
        record(StatusCodes.Status200OK, null, message.Wamid);
        LogSend(services.Logger, type, number.PhoneNumberId, WhatsAppIds.Mask(waId));
        await services.Statuses.AfterSendAsync(message);

        var contact = body.To is not null ? new SendContact(input, waId, null) : new SendContact(input, null, userId);
        return GraphResults.Json(
            new SendMessageResponse("whatsapp", [contact], [new SentMessageId(message.Wamid)]), WhatsAppJsonContext.Default.SendMessageResponse);
    }

    /// <summary>The body as received (for the call log) and as a request; nulls when it is not a JSON object.</summary>
    private static async Task<(JsonElement? Json, SendMessageRequest? Body)> ReadAsync(HttpRequest request, CancellationToken aborted)
    {
        try
        {
            var json = await JsonSerializer.DeserializeAsync(request.Body, WhatsAppJsonContext.Default.JsonElement, aborted);
            return json.ValueKind == JsonValueKind.Object
                ? (json, json.Deserialize(WhatsAppJsonContext.Default.SendMessageRequest))
                : (json, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    // Never the text, the token or a whole phone number.
    [LoggerMessage(Level = LogLevel.Information, Message = "WhatsApp emulator accepted a {Type} message from {PhoneNumberId} to {Recipient}")]
    private static partial void LogSend(ILogger logger, string type, string phoneNumberId, string recipient);

    [LoggerMessage(Level = LogLevel.Information, Message = "WhatsApp emulator accepted a {Operation} on {PhoneNumberId}")]
    private static partial void LogReceipt(ILogger logger, string operation, string phoneNumberId);
}

/// <summary>What the Graph handlers need, in one parameter so their signatures stay readable.</summary>
public sealed class GraphContextServices(
    IOptions<WhatsAppEmulatorOptions> options,
    UserDirectory users,
    MessageLedger ledger,
    FaultList<GraphFault> faults,
    GraphCallLog calls,
    StatusWebhooks statuses,
    TimeProvider time,
    ILogger<GraphContextServices> logger)
{
    public IOptions<WhatsAppEmulatorOptions> Options => options;

    public UserDirectory Users => users;

    public MessageLedger Ledger => ledger;

    public FaultList<GraphFault> Faults => faults;

    public GraphCallLog Calls => calls;

    public StatusWebhooks Statuses => statuses;

    public TimeProvider Time => time;

    public ILogger Logger => logger;
}
