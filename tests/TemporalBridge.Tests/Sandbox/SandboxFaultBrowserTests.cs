using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Browser;
using TemporalBridge.Tests.Conversations;
using static Microsoft.Playwright.Assertions;
using static TemporalBridge.Tests.Sandbox.SandboxHome;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>
/// The home page's fault buttons in Debian's Chromium, against the bridge and the sandbox over real HTTP with the
/// workflows on the offline kit (Temporal's clock moved on for the retries' timers): a throttled send is seen refused
/// on the timeline, retried and delivered; a send outside the window is shown to staff as failed.
/// </summary>
public sealed class SandboxFaultBrowserTests(RedisServer redis, Chromium chromium) : IClassFixture<RedisServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task AThrottledSendIsSeenRefusedThenRetriedAndDelivered()
    {
        await using var host = await ConversationHost.StartAsync(redis, web => web.UseSetting("WhatsAppEmulator:StatusDelayMs", "0"), overLoopback: true);
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = "15551230001", name = "Maria da Silva" })).EnsureSuccessStatusCode();
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", new { from = "15551230001", type = "text", text = new { body = "Is Tuesday free?" } })).EnsureSuccessStatusCode();
        await host.SettleWithWebhooksAsync();
        var page = await OpenAsync(chromium, host);
        await Expect(page.Locator("#vcita-composer")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GetByRole(AriaRole.Group, new() { Name = "WhatsApp" }).GetByRole(AriaRole.Button, new() { Name = "Throttle the next send" }).ClickAsync();
        await Expect(page.Locator("#faults-notice")).ToContainTextAsync("130429");
        await page.GetByLabel("Reply as staff").FillAsync("Yes, 10:00 works");
        await page.Locator("#vcita-composer").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Sent as staff.");
        await host.SettleWithWebhooksAsync();
        var sends = page.Locator("#timeline li", new() { HasText = $"/{ConversationHost.PhoneNumberId}/messages" });
        await Expect(sends.Filter(new() { Has = page.Locator(".refused") })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        host.GraphCalls("send").Select(c => c.ErrorCode).Should().Equal([130429], "the retry waits on a timer: " + host.Diagnostics());

        await host.UntilAsync(() => host.GraphCalls("send").Any(c => c.StatusCode == 200), "the retried send is accepted");

        var reply = page.Locator("#whatsapp-messages li.business");
        await Expect(reply).ToContainTextAsync("Yes, 10:00 works", Live);
        await Expect(reply).ToContainTextAsync("✓✓ Delivered", Live);
        await Expect(page.Locator("#vcita-messages li.staff")).ToContainTextAsync("received", Live);
        host.GraphCalls("send").Select(c => c.ErrorCode).Should().Equal([130429, null], host.Diagnostics());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASendOutsideTheWindowIsShownToStaffAsFailed()
    {
        await using var host = await ConversationHost.StartAsync(redis, web => web.UseSetting("MessengerEmulator:DeliveryDelayMs", "0"), overLoopback: true);
        await PageConversation.ConnectPageAsync(host);
        await PageConversation.WithPersonAsync(host);
        await host.SettleWithWebhooksAsync();
        var page = await OpenAsync(chromium, host);
        await Expect(page.Locator("#vcita-composer")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GetByRole(AriaRole.Group, new() { Name = "Messenger" }).GetByRole(AriaRole.Button, new() { Name = "Next send: outside the 24-hour window" }).ClickAsync();
        await Expect(page.Locator("#faults-notice")).ToContainTextAsync("2018278");
        await page.GetByLabel("Reply as staff").FillAsync("Are you still there?");
        await page.Locator("#vcita-composer").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Sent as staff.");
        await host.SettleWithWebhooksAsync();

        await Expect(page.Locator("#vcita-messages li.staff")).ToContainTextAsync("error", Live);
        var refused = page.Locator("#timeline li", new() { HasText = $"/{PageConversation.PageId}/messages", Has = page.Locator(".refused") });
        await Expect(refused).ToContainTextAsync("bridge → Messenger", Live);
        await Expect(refused).ToContainTextAsync("400");

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear every fault" }).ClickAsync();
        await Expect(page.Locator("#faults-notice")).ToHaveTextAsync("Every fault cleared: calls succeed again.");
        await page.Context.CloseAsync();
    }
}
