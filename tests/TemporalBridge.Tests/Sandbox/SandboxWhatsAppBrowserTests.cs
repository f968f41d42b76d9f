using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Browser;
using TemporalBridge.Tests.Conversations;
using static Microsoft.Playwright.Assertions;
using static TemporalBridge.Tests.Sandbox.SandboxHome;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>
/// The home page's WhatsApp side in Debian's Chromium, against the bridge and the sandbox over real HTTP with the
/// workflows on the offline kit: a client and staff talk with ticks, typing and reads on both sides; a photo, a
/// location, a reply and a reaction reach staff. With <c>SANDBOX_SCREENSHOTS=1</c> it writes the README's screenshot
/// (docs/images/).
/// </summary>
public sealed class SandboxWhatsAppBrowserTests(RedisServer redis, Chromium chromium) : IClassFixture<RedisServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task AWhatsAppClientAndStaffTalkWithTicksTypingAndReadsOnBothSides()
    {
        await using var host = await ConversationHost.StartAsync(redis, web => web.UseSetting("WhatsAppEmulator:StatusDelayMs", "0"), overLoopback: true);
        var page = await OpenAsync(chromium, host);
        var phone = page.Locator("#whatsapp-messages");
        var staff = page.Locator("#vcita-messages");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Maria da Silva");
        await page.GetByLabel("WhatsApp number (digits with country code)").FillAsync("15551230001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Expect(page.Locator("#whatsapp-notice")).ToHaveTextAsync("Client added.");
        await Expect(page.GetByLabel("Client", new() { Exact = true })).ToHaveValueAsync("15551230001");
        await page.GetByLabel("Message to the business").FillAsync("Is Tuesday free?");
        await page.Locator("#whatsapp-composer").GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.Locator("#whatsapp-notice")).ToHaveTextAsync("Sent to the business.");
        await host.SettleWithWebhooksAsync();
        await Expect(staff.Locator("li.client")).ToContainTextAsync("Is Tuesday free?", Live);
        await Expect(phone.Locator("li.user")).ToContainTextAsync("✓ Sent", Live);

        await page.GetByLabel("Staff is typing").CheckAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Staff is typing.");
        await host.SettleWithWebhooksAsync();
        await Expect(page.Locator("#whatsapp-typing")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(phone.Locator("li.user")).ToContainTextAsync("✓✓ Read", Live);

        await page.GetByLabel("Reply as staff").FillAsync("Yes, 10:00 works");
        await page.Locator("#vcita-composer").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Sent as staff.");
        await host.SettleWithWebhooksAsync();
        var reply = phone.Locator("li.business");
        await Expect(reply).ToContainTextAsync("Yes, 10:00 works", Live);
        await Expect(page.Locator("#whatsapp-typing")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Expect(reply).ToContainTextAsync("✓✓ Delivered", Live);
        await Expect(staff.Locator("li.staff")).ToContainTextAsync("received", Live);

        await reply.GetByRole(AriaRole.Button, new() { Name = "Read “Yes, 10:00 works”" }).ClickAsync();
        await Expect(page.Locator("#whatsapp-notice")).ToHaveTextAsync("Read: the business sees the blue ticks.");
        await host.SettleWithWebhooksAsync();
        await Expect(reply).ToContainTextAsync("✓✓ Read", Live);
        await Expect(staff.Locator("li.staff")).ToContainTextAsync("read", Live);
        await SandboxScreenshots.WriteAsync(page, "sandbox-whatsapp", "whatsapp-heading", "vcita-heading");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AClientSendsAPhotoALocationAReplyAndAReactionAndStaffSeeEach()
    {
        await using var host = await ConversationHost.StartAsync(redis, web => web.UseSetting("WhatsAppEmulator:StatusDelayMs", "0"), overLoopback: true);
        var page = await OpenAsync(chromium, host);
        var phone = page.Locator("#whatsapp-messages");
        var staff = page.Locator("#vcita-messages");
        var notice = page.Locator("#whatsapp-notice");
        var composer = page.Locator("#whatsapp-composer");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Maria da Silva");
        await page.GetByLabel("WhatsApp number (digits with country code)").FillAsync("15551230001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Client added.");

        await page.GetByLabel("Message to the business").FillAsync("The cake I want");
        await composer.GetByRole(AriaRole.Button, new() { Name = "Send a photo" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Photo sent to the business.");
        await composer.GetByRole(AriaRole.Button, new() { Name = "Share a location" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Location sent to the business.");
        await host.SettleWithWebhooksAsync();
        await Expect(phone.Locator("li.user").Nth(0)).ToContainTextAsync("Photo: The cake I want", Live);
        await Expect(phone.Locator("li.user").Nth(1)).ToContainTextAsync("Location: Flatiron Building", Live);
        await Expect(staff.Locator("li.client").Nth(0)).ToContainTextAsync("The cake I want", Live);
        await Expect(staff.Locator("li.client").Nth(1)).ToContainTextAsync("Flatiron Building", Live);

        await page.GetByLabel("Reply as staff").FillAsync("Lovely, for when?");
        await page.Locator("#vcita-composer").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Sent as staff.");
        await host.SettleWithWebhooksAsync();
        var answer = phone.Locator("li.business");
        await Expect(answer).ToContainTextAsync("Lovely, for when?", Live);
        await answer.GetByRole(AriaRole.Button, new() { Name = "Reply to “Lovely, for when?”" }).ClickAsync();
        await Expect(page.Locator("#whatsapp-replying")).ToContainTextAsync("Replying to “Lovely, for when?”");
        await page.GetByLabel("Message to the business").FillAsync("Saturday");
        await composer.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Sent to the business.");
        await Expect(page.Locator("#whatsapp-replying")).ToBeHiddenAsync();
        await answer.GetByRole(AriaRole.Button, new() { Name = "React 👍 to “Lovely, for when?”" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Reacted.");
        await host.SettleWithWebhooksAsync();

        var reply = phone.Locator("li.user").Nth(2);
        await Expect(reply).ToContainTextAsync("↩ Lovely, for when?", Live);
        await Expect(reply).ToContainTextAsync("Saturday");
        await Expect(answer).ToContainTextAsync("👍", Live);
        await Expect(phone.Locator("li")).ToHaveCountAsync(4);
        await Expect(staff.Locator("li.client").Nth(2)).ToContainTextAsync("Saturday", Live);
        await Expect(staff).ToContainTextAsync("👍", Live);
        await page.Context.CloseAsync();
    }
}
