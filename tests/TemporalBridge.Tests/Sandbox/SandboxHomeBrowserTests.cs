using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Browser;
using TemporalBridge.Tests.Conversations;
using static Microsoft.Playwright.Assertions;
using static TemporalBridge.Tests.Sandbox.SandboxHome;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>
/// The sandbox's home page in Debian's Chromium, against the bridge and the sandbox over real HTTP, with the workflows
/// on the offline kit (settled by the test after each step, as a worker would run them): the timeline, staff's side,
/// and the page's accessibility with every panel drawn. Each client's side has its own class.
/// </summary>
public sealed class SandboxHomeBrowserTests(RedisServer redis, Chromium chromium) : IClassFixture<RedisServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task TheTimelineShowsTheCallsAClientsMessageCausesAsTheyHappen()
    {
        await using var host = await ConversationHost.StartAsync(redis, overLoopback: true);
        var page = await OpenAsync(chromium, host);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What crossed the wire" })).ToBeVisibleAsync();
        await Expect(page.Locator("#wire-state")).ToHaveTextAsync("Live");
        var timeline = page.Locator("#timeline");
        // Connecting the number, before the page opened: the kept calls come first.
        await Expect(timeline.Locator("li", new() { HasText = "POST /vcita-emulator/business/communication/channels" }))
            .ToContainTextAsync("bridge → vcita", Live);

        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = "15551230001", name = "Maria da Silva" })).EnsureSuccessStatusCode();
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", new { from = "15551230001", type = "text", text = new { body = "Hello from WhatsApp" } })).EnsureSuccessStatusCode();
        await host.SettleAsync();

        var webhook = timeline.Locator("li", new() { HasText = "POST /webhooks/whatsapp" });
        await Expect(webhook).ToContainTextAsync("WhatsApp → bridge", Live);
        await Expect(webhook).ToContainTextAsync("200");
        var toVcita = timeline.Locator("li", new() { HasText = "POST /vcita-emulator/business/communication/messages" });
        await Expect(toVcita).ToContainTextAsync("bridge → vcita", Live);
        await Expect(page.Locator("#wire-empty")).ToBeHiddenAsync();
        // Each links the workflow it belongs to in the Temporal UI: the message's delivery, the conversation's session.
        await Expect(webhook.GetByRole(AriaRole.Link)).ToHaveAttributeAsync(
            "href", new Regex(@"^http://localhost:8233/namespaces/default/workflows/delivery-in%3Awhatsapp%3Awamid\."));
        await Expect(toVcita.GetByRole(AriaRole.Link)).ToHaveAttributeAsync(
            "href", new Regex($"/workflows/session%3Awhatsapp%3A{ConversationHost.PhoneNumberId}%3A[0-9a-f]+$"));
        await Expect(timeline).Not.ToContainTextAsync("Hello from WhatsApp");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StaffSeeTheClientsMessageReadItTypeAndReplyAndTheClientGetsEach()
    {
        await using var host = await ConversationHost.StartAsync(redis, overLoopback: true);
        var page = await OpenAsync(chromium, host);
        await Expect(page.Locator("#vcita-channels")).ToContainTextAsync("active", Live);

        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = "15551230001", name = "Maria da Silva" })).EnsureSuccessStatusCode();
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", new { from = "15551230001", type = "text", text = new { body = "Is Tuesday free?" } })).EnsureSuccessStatusCode();
        await host.SettleAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Maria da Silva" })).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = 15_000 });
        var clientMessage = page.Locator("#vcita-messages li.client");
        await Expect(clientMessage).ToContainTextAsync("Is Tuesday free?", Live);

        await clientMessage.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Marked read as staff.");
        await host.SettleAsync();
        await Expect(clientMessage).ToContainTextAsync("read", Live);
        host.GraphCalls("read").Should().ContainSingle(host.Diagnostics());

        await page.GetByLabel("Staff is typing").CheckAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Staff is typing.");
        await host.SettleAsync();
        host.GraphCalls("typing").Should().NotBeEmpty(host.Diagnostics());

        await page.GetByLabel("Reply as staff").FillAsync("Yes, 10:00 works");
        await page.Locator("#vcita-composer").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Sent as staff.");
        await host.SettleAsync();
        host.GraphCalls("send").Select(OutboundConversation.TextOf).Should().Equal(["Yes, 10:00 works"], host.Diagnostics());
        await Expect(page.Locator("#vcita-messages li.staff")).ToContainTextAsync("Yes, 10:00 works", Live);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheHomePageHasNoSeriousAccessibilityViolation()
    {
        await using var host = await ConversationHost.StartAsync(redis, overLoopback: true);
        await PageConversation.ConnectPageAsync(host);
        var page = await chromium.NewPageAsync();
        var response = await page.GotoAsync(host.Host.SandboxUrl.ToString());
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = "15551230001", name = "Maria da Silva" })).EnsureSuccessStatusCode();
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", new { from = "15551230001", type = "text", text = new { body = "Hello" } })).EnsureSuccessStatusCode();
        await PageConversation.WithPersonAsync(host);
        await host.SettleWithWebhooksAsync();
        // Every panel drawn: the timeline, both phones with a reply being written, a conversation and its composer.
        await Expect(page.Locator("#timeline li").First).ToBeVisibleAsync();
        await Expect(page.Locator("#vcita-composer")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.Locator("#whatsapp-messages").GetByRole(AriaRole.Button, new() { Name = "Reply to “Hello”" }).ClickAsync(new() { Timeout = 15_000 });
        await page.Locator("#messenger-messages").GetByRole(AriaRole.Button, new() { Name = "Reply to" }).First.ClickAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#whatsapp-replying")).ToBeVisibleAsync();
        await Expect(page.Locator("#messenger-replying")).ToBeVisibleAsync();

        var result = await page.RunAxe();

        response!.Headers["content-security-policy"].Should().Contain("script-src 'self'");
        result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}")
            .Should().BeEmpty();
        await page.Context.CloseAsync();
    }
}
