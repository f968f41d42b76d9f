using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.WhatsApp.Users;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Control;

/// <summary>
/// Sends what the control API asks for — users' messages, statuses, the business's echoes and account-level errors,
/// batched, duplicated or shuffled — and waits for the bridge's first answer to each POST, so the caller learns the
/// status codes. Retries go on afterwards.
/// </summary>
public sealed class ControlWebhooks(
    UserMessages userMessages,
    EchoMessages echoMessages,
    StatusWebhooks statuses,
    WebhookSender sender,
    IOptions<WhatsAppEmulatorOptions> options,
    IOptions<Meta.MetaEmulatorOptions> meta,
    TimeProvider time)
{
    public async Task<(SentWebhooks? Sent, Dictionary<string, string[]>? Problems)> SendAsync(
        string reason, IReadOnlyList<UserMessageSpec> messages, IReadOnlyList<StatusSpec> statusSpecs, IReadOnlyList<EchoSpec> echoes, int posts,
        int copies, int? shuffleSeed, CancellationToken aborted)
    {
        var items = new List<WebhookItem>();
        var problems = new Dictionary<string, string[]>();
        var alone = messages.Count + statusSpecs.Count + echoes.Count == 1;
        for (var i = 0; i < messages.Count; i++)
        {
            var (item, problem) = userMessages.Compose(messages[i]);
            Collect(item, problem, alone ? "" : $"messages[{i}].");
        }

        for (var i = 0; i < statusSpecs.Count; i++)
        {
            var (item, problem) = statuses.Compose(statusSpecs[i]);
            Collect(item, problem, alone ? "" : $"statuses[{i}].");
        }

        for (var i = 0; i < echoes.Count; i++)
        {
            var (item, problem) = echoMessages.Compose(echoes[i]);
            Collect(item, problem, alone ? "" : $"echoes[{i}].");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (await PostAsync(reason, items, posts, copies, shuffleSeed, aborted), null);

        void Collect(WebhookItem? item, string? problem, string prefix)
        {
            if (item is not null)
            {
                items.Add(item);
            }
            else
            {
                var field = problem!.Split(':')[0];
                problems[prefix + field] = [problem[(field.Length + 1)..].Trim()];
            }
        }
    }

    /// <summary>
    /// Errors at system, app or account level, in one POST: a <c>messages</c> change whose value holds only
    /// <c>errors</c> (Meta's errors webhook reference). They name no message, so the answer lists no wamids.
    /// </summary>
    public async Task<(SentWebhooks? Sent, Dictionary<string, string[]>? Problems)> SendAccountErrorsAsync(
        AccountErrorsRequest request, CancellationToken aborted)
    {
        if (options.Value.Number(request.PhoneNumberId) is not { } number)
        {
            return (null, new Dictionary<string, string[]>
            {
                ["phone_number_id"] = [$"'{request.PhoneNumberId}' is not one of WhatsAppEmulator__BusinessNumbers"],
            });
        }

        var items = request.Errors!.Select(error => WebhookItem.ForError(number, error.ToWebhookError())).ToList();
        return (await PostAsync("account errors", items, posts: 1, request.Copies ?? 1, shuffleSeed: null, aborted), null);
    }

    /// <summary>An <c>account_update</c> of <paramref name="kind"/> about the emulator's WhatsApp Business Account.</summary>
    public async Task<SentWebhooks> SendAccountUpdateAsync(string kind, CancellationToken aborted)
    {
        var waba = options.Value.WabaId;
        var business = meta.Value.BusinessId;
        var value = kind switch
        {
            "ACCOUNT_DELETED" => new AccountUpdateValue(kind, null, null),
            "DISABLED_UPDATE" => new AccountUpdateValue(kind, null, new AccountUpdateBanInfo("DISABLE", time.GetUtcNow().ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture))),
            _ => new AccountUpdateValue(kind, new AccountUpdateWabaInfo(waba, business, options.Value.AppId), null),
        };
        var entryId = value.WabaInfo is null ? waba : business;
        var record = sender.Post(new AccountUpdatePayload(
            WebhookPayload.WhatsAppBusinessAccount,
            [new AccountUpdateEntry(entryId, time.GetUtcNow().ToUnixTimeSeconds(), [new AccountUpdateChange(value, AccountUpdateChange.AccountUpdate)])]));
        var deadline = TimeSpan.FromMilliseconds(options.Value.WebhookTimeoutMs) + TimeSpan.FromSeconds(5);
        return new SentWebhooks([], [new SentPost(record.Id, [], await FirstStatusAsync(record, deadline, aborted))]);
    }

    /// <summary>The bridge's answer to the first attempt; null when it did not answer (or the wait ran out).</summary>
    public static async Task<int?> FirstStatusAsync(WebhookRecord record, TimeSpan deadline, CancellationToken aborted)
    {
        try
        {
            return (await record.FirstAttempt.WaitAsync(deadline, aborted))?.StatusCode;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task<SentWebhooks> PostAsync(string reason, IReadOnlyList<WebhookItem> items, int posts, int copies, int? shuffleSeed, CancellationToken aborted)
    {
        var records = new List<(WebhookRecord Record, IReadOnlyList<string> Wamids)>();
        foreach (var bucket in WebhookBatches.Spread(items, posts, shuffleSeed))
        {
            var wamids = WamidsOf(bucket);
            foreach (var record in sender.Post(reason, WebhookBatches.Build(options.Value.WabaId, bucket), wamids, copies))
            {
                records.Add((record, wamids));
            }
        }

        var answers = new List<SentPost>(records.Count);
        var deadline = TimeSpan.FromMilliseconds(options.Value.WebhookTimeoutMs) + TimeSpan.FromSeconds(5);
        foreach (var (record, wamids) in records)
        {
            answers.Add(new SentPost(record.Id, wamids, await FirstStatusAsync(record, deadline, aborted)));
        }

        return new SentWebhooks(WamidsOf(items), answers);
    }

    private static List<string> WamidsOf(IEnumerable<WebhookItem> items) => [.. items.Select(i => i.Wamid).OfType<string>()];
}
