extern alias Sandbox;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;
using Eventually = TemporalBridge.Tests.Sandbox.Eventually;
using WebhookLog = Sandbox::TemporalBridge.Sandbox.WhatsApp.Webhooks.WebhookLog;

namespace TemporalBridge.Tests.Soak;

/// <summary>
/// Moves the soak run on: lets workflows, vcita's callbacks and WhatsApp's webhooks run until none has more to
/// do, and moves Temporal's clock on (the kit's clock only moves when told) so retries and backoffs come due.
/// Waits have deadlines; nothing sleeps.
/// </summary>
internal sealed class SoakDriver(ConversationHost host, RedisServer redis)
{
    /// <summary>Each step of Temporal's clock: longer than the quick retries (1–8 s), a fraction of a retry round's pause (1 min).</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    /// <summary>Enough for the longest chain of retry rounds the 5 % failures make (several minutes of Temporal's time).</summary>
    private const int MaxSteps = 60;

    private static readonly TimeSpan WebhooksDeadline = TimeSpan.FromSeconds(60);

    public int Steps { get; private set; }

    /// <summary>Settles, moving Temporal's clock on a step at a time, until <paramref name="done"/>.</summary>
    public async Task UntilAsync(Func<bool> done, Func<string> what)
    {
        for (var i = 0; i < MaxSteps; i++)
        {
            await SettleAsync();
            if (done())
            {
                return;
            }
            await host.Host.Temporal.AdvanceTimeAsync(Step);
            Steps++;
        }
        throw new InvalidOperationException($"Not reached after {MaxSteps} steps of {Step}: {what()}");
    }

    /// <summary>Workflows, vcita's callbacks and the WhatsApp emulator's webhooks, until none has more to do.</summary>
    public async Task SettleAsync()
    {
        var webhooks = host.Host.Sandbox.Services.GetRequiredService<WebhookLog>();
        var seen = -1;
        for (var round = 0; round < 50; round++)
        {
            await host.SettleAsync();
            await Eventually.WaitAsync(
                () => Task.FromResult(webhooks.Views()),
                views => views.All(v => v.State is "delivered" or "failed"),
                "WhatsApp webhooks answered",
                WebhooksDeadline);
            var count = webhooks.Views().Count;
            if (count == seen)
            {
                return;
            }
            seen = count;
        }
        throw new InvalidOperationException("The run did not settle in 50 rounds.");
    }

    /// <summary>Everything Redis held is gone, as after a restart without persistence.</summary>
    public async Task FlushRedisAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        await admin.GetServers()[0].FlushAllDatabasesAsync();
    }
}
