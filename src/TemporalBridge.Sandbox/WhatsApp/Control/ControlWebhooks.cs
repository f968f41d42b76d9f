using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.WhatsApp.Users;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Control;

/// <summary>
/// Sends what the control API asks for — users' messages and statuses, batched, duplicated or shuffled — and waits
/// for the bridge's first answer to each POST, so the caller learns the status codes. Retries go on afterwards.
/// </summary>
public sealed class ControlWebhooks(UserMessages userMessages, StatusWebhooks statuses, WebhookSender sender, IOptions<WhatsAppEmulatorOptions> options)
{
    public async Task<(SentWebhooks? Sent, Dictionary<string, string[]>? Problems)> SendAsync(
        string reason, IReadOnlyList<UserMessageSpec> messages, IReadOnlyList<StatusSpec> statusSpecs, int posts, int copies, int? shuffleSeed,
        CancellationToken aborted)
    {
        var items = new List<WebhookItem>();
        var problems = new Dictionary<string, string[]>();
        for (var i = 0; i < messages.Count; i++)
        {
            var (item, problem) = userMessages.Compose(messages[i]);
            Collect(item, problem, messages.Count == 1 && statusSpecs.Count == 0 ? "" : $"messages[{i}].");
        }

        for (var i = 0; i < statusSpecs.Count; i++)
        {
            var (item, problem) = statuses.Compose(statusSpecs[i]);
            Collect(item, problem, statusSpecs.Count == 1 && messages.Count == 0 ? "" : $"statuses[{i}].");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var records = new List<(WebhookRecord Record, IReadOnlyList<string> Wamids)>();
        foreach (var bucket in WebhookBatches.Spread(items, posts, shuffleSeed))
        {
            var wamids = bucket.Select(i => i.Wamid).ToList();
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

        return (new SentWebhooks([.. items.Select(i => i.Wamid)], answers), null);

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
}
