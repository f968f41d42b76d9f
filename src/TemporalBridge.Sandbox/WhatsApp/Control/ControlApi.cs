using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.WhatsApp.Chats;
using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Media;
using TemporalBridge.Sandbox.WhatsApp.Users;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Control;

/// <summary>
/// For tests and humans, under <c>/whatsapp-emulator/_control</c>: simulated users and what they send, statuses on
/// demand, echoes of what the business sent from the WhatsApp Business app, account-level errors and updates, how statuses and
/// Graph calls misbehave, and everything the emulator sent and received. Not part of Meta's API; errors are
/// ProblemDetails.
/// </summary>
public static class ControlApi
{
    public static void MapWhatsAppControl(this RouteGroupBuilder emulator)
    {
        var control = emulator.MapGroup("/_control").WithTags("WhatsApp emulator control");

        control.MapPost("/users", CreateUser).Validates<CreateUserRequest>();
        control.MapGet("/users", (UserDirectory users) => TypedResults.Ok(users.All.Select(ToView).ToList()));

        control.MapPost("/messages", SendMessageAsync).Validates<UserMessageSpec>();
        control.MapPost("/statuses", SendStatusAsync).Validates<StatusSpec>();
        control.MapPost("/echoes", SendEchoAsync).Validates<EchoSpec>();
        control.MapPost("/account-errors", SendAccountErrorsAsync).Validates<AccountErrorsRequest>();
        control.MapPost("/account-updates", async (AccountUpdateRequest? body, ControlWebhooks webhooks, CancellationToken aborted) =>
            TypedResults.Ok(await webhooks.SendAccountUpdateAsync(body!.Event!, aborted))).Validates<AccountUpdateRequest>();
        control.MapPost("/webhooks", SendBatchAsync).Validates<SendBatchRequest>();
        control.MapPost("/webhooks/raw", SendRawAsync).Validates<SendRawRequest>();
        control.MapGet("/webhooks", (WebhookLog log) => TypedResults.Ok(log.Views()));

        control.MapGet("/graph-calls", (string? operation, GraphCallLog calls) => TypedResults.Ok(calls.All(operation)));
        control.MapGet("/sent", (MessageLedger ledger) => TypedResults.Ok(ledger.Outbound()));
        control.MapWhatsAppChats();

        control.MapGet("/status-plans", (StatusPlans plans) => TypedResults.Ok(plans.Pending));
        control.MapPost("/status-plans", AddStatusPlan).Validates<SetStatusPlanRequest>();
        control.MapDelete("/status-plans", (StatusPlans plans) =>
        {
            plans.Clear();
            return TypedResults.NoContent();
        });

        control.MapGet("/faults", (FaultList<GraphFault> faults) => TypedResults.Ok(faults.Pending));
        control.MapPost("/faults", AddFault).Validates<AddGraphFaultRequest>();
        control.MapDelete("/faults", (FaultList<GraphFault> faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });

        control.MapPost("/reset", Reset);
    }

    private static Created<UserView> CreateUser(CreateUserRequest? body, UserDirectory users)
    {
        var user = users.Add(new SimulatedUser(body!.WaId, body.Name!, body.UserId, body.Username, body.ParentUserId));
        return TypedResults.Created((string?)null, ToView(user));
    }

    private static async Task<Results<Ok<SentWebhooks>, ValidationProblem>> SendMessageAsync(
        UserMessageSpec? body, ControlWebhooks webhooks, CancellationToken aborted) =>
        Answer(await webhooks.SendAsync($"user message ({body!.Type})", [body], [], [], posts: 1, body.Copies ?? 1, shuffleSeed: null, aborted));

    private static async Task<Results<Ok<SentWebhooks>, ValidationProblem>> SendStatusAsync(
        StatusSpec? body, ControlWebhooks webhooks, CancellationToken aborted) =>
        Answer(await webhooks.SendAsync($"status {body!.Status} (control)", [], [body], [], posts: 1, body.Copies ?? 1, shuffleSeed: null, aborted));

    private static async Task<Results<Ok<SentWebhooks>, ValidationProblem>> SendEchoAsync(
        EchoSpec? body, ControlWebhooks webhooks, CancellationToken aborted) =>
        Answer(await webhooks.SendAsync($"business echo ({body!.Type})", [], [], [body], posts: 1, body.Copies ?? 1, shuffleSeed: null, aborted));

    private static async Task<Results<Ok<SentWebhooks>, ValidationProblem>> SendAccountErrorsAsync(
        AccountErrorsRequest? body, ControlWebhooks webhooks, CancellationToken aborted) =>
        Answer(await webhooks.SendAccountErrorsAsync(body!, aborted));

    private static async Task<Results<Ok<SentWebhooks>, ValidationProblem>> SendBatchAsync(
        SendBatchRequest? body, ControlWebhooks webhooks, CancellationToken aborted) =>
        Answer(await webhooks.SendAsync(
            "batch", body!.Messages ?? [], body.Statuses ?? [], body.Echoes ?? [], body.Posts ?? 1, body.Copies ?? 1, body.ShuffleSeed, aborted));

    private static async Task<Ok<SentPost>> SendRawAsync(
        SendRawRequest? body, WebhookSender sender, IOptions<WhatsAppEmulatorOptions> options, CancellationToken aborted)
    {
        var record = sender.PostRaw(body!.Body!, body.Mode);
        var deadline = TimeSpan.FromMilliseconds(options.Value.WebhookTimeoutMs) + TimeSpan.FromSeconds(5);
        return TypedResults.Ok(new SentPost(record.Id, [], await ControlWebhooks.FirstStatusAsync(record, deadline, aborted)));
    }

    private static Created<StatusPlan> AddStatusPlan(SetStatusPlanRequest? body, StatusPlans plans)
    {
        var plan = new StatusPlan(body!.Statuses!, body.ErrorCode, body.Count, body.To is null ? null : Normalise(body.To), body.BeforeAnswer ?? false);
        plans.Add(plan);
        return TypedResults.Created((string?)null, plan);
    }

    private static Created<GraphFault> AddFault(AddGraphFaultRequest? body, FaultList<GraphFault> faults)
    {
        var fault = new GraphFault(body!.Code, body.HttpStatus, body.DelayMs ?? 0, body.Count ?? 1, body.PhoneNumberId, body.To, body.Operation);
        faults.Add(fault);
        return TypedResults.Created((string?)null, fault);
    }

    /// <summary>Forgets users, messages, media, webhooks (pending ones are not delivered), Graph calls, faults and plans.</summary>
    private static NoContent Reset(
        UserDirectory users, MessageLedger ledger, MediaStore media, WebhookLog webhooks, GraphCallLog calls, FaultList<GraphFault> faults, StatusPlans plans)
    {
        users.Clear();
        ledger.Clear();
        media.Clear();
        webhooks.Clear();
        calls.Clear();
        faults.Clear();
        plans.Clear();
        return TypedResults.NoContent();
    }

    private static Results<Ok<SentWebhooks>, ValidationProblem> Answer((SentWebhooks? Sent, Dictionary<string, string[]>? Problems) result) =>
        result.Sent is { } sent ? TypedResults.Ok(sent) : TypedResults.ValidationProblem(result.Problems!);

    /// <summary>A plan's recipient as the emulator keys users: a phone number's digits, or a user id as given.</summary>
    private static string Normalise(string to) => to.Any(char.IsAsciiLetter) ? to : WhatsAppIds.NormalisePhone(to);

    private static UserView ToView(SimulatedUser user) => new(user.WaId, user.Name, user.UserId, user.Username, user.ParentUserId);
}
