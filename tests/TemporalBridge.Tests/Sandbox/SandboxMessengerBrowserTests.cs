using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Browser;
using TemporalBridge.Tests.Conversations;
using static Microsoft.Playwright.Assertions;
using static TemporalBridge.Tests.Sandbox.SandboxHome;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>
/// The home page's Messenger side in Debian's Chromium, against the bridge and the sandbox over real HTTP with the
/// workflows on the offline kit: a person and staff talk, with "seen", reads and typing on both sides, a photo, a
/// reply and a reaction. With <c>SANDBOX_SCREENSHOTS=1</c> it writes the README's screenshot (docs/images/).
/// </summary>
public sealed class SandboxMessengerBrowserTests(RedisServer redis, Chromium chromium) : IClassFixture<RedisServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task APersonOnMessengerAndStaffTalkWithSeenReadsTypingAPhotoAReplyAndAReaction()
    {
        await using var host = await ConversationHost.StartAsync(redis, web => web.UseSetting("MessengerEmulator:DeliveryDelayMs", "0"), overLoopback: true);
        await PageConversation.ConnectPageAsync(host);
        var page = await OpenAsync(chromium, host);
        var phone = page.Locator("#messenger-messages");
        var staff = page.Locator("#vcita-messages");
        var notice = page.Locator("#messenger-notice");

        await Expect(page.GetByLabel("Page they write to")).ToContainTextAsync("Acme Bakery", Live);
        await page.GetByLabel("First name").FillAsync("Lucas");
        await page.GetByLabel("Last name (optional)").FillAsync("Moreau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Person added.");
        await page.GetByLabel("Message to the Page").FillAsync("Do you have rye bread?");
        await page.Locator("#messenger-composer").GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Sent to the Page.");
        await host.SettleWithWebhooksAsync();
        await Expect(page.Locator("#messenger-chat-title")).ToHaveTextAsync("Lucas Moreau's conversation with Acme Bakery");
        await Expect(staff.Locator("li.client")).ToContainTextAsync("Do you have rye bread?", Live);
        await Expect(phone.Locator("li.person")).ToContainTextAsync("You · Sent");

        await staff.Locator("li.client").GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Marked read as staff.");
        await host.SettleWithWebhooksAsync();
        await Expect(phone.Locator("li.person")).ToContainTextAsync("You · Seen", Live);

        await page.GetByLabel("Staff is typing").CheckAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Staff is typing.");
        await host.SettleWithWebhooksAsync();
        await Expect(page.Locator("#messenger-typing")).ToHaveTextAsync("Acme Bakery is typing…", new() { Timeout = 15_000 });
        await Expect(page.Locator("#messenger-typing")).ToBeVisibleAsync();

        await page.GetByLabel("Reply as staff").FillAsync("Yes, baked at seven");
        await page.Locator("#vcita-composer").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#vcita-notice")).ToHaveTextAsync("Sent as staff.");
        await host.SettleWithWebhooksAsync();
        var reply = phone.Locator("li.page");
        await Expect(reply).ToContainTextAsync("Yes, baked at seven", Live);
        await Expect(page.Locator("#messenger-typing")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Expect(staff.Locator("li.staff")).ToContainTextAsync("received", Live);

        await reply.GetByRole(AriaRole.Button, new() { Name = "Read “Yes, baked at seven”" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Read: the business sees it was read.");
        await host.SettleWithWebhooksAsync();
        await Expect(staff.Locator("li.staff")).ToContainTextAsync("read", Live);
        await Expect(reply).ToContainTextAsync("Acme Bakery · Read");

        await reply.GetByRole(AriaRole.Button, new() { Name = "Reply to “Yes, baked at seven”" }).ClickAsync();
        await Expect(page.Locator("#messenger-replying")).ToContainTextAsync("Replying to “Yes, baked at seven”");
        await Expect(page.GetByLabel("Message to the Page")).ToBeFocusedAsync();
        await page.Locator("#messenger-composer").GetByRole(AriaRole.Button, new() { Name = "Send a photo" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Photo sent to the Page.");
        await page.Locator("#messenger-composer").GetByRole(AriaRole.Button, new() { Name = "Share a location" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Location sent to the Page.");
        await reply.GetByRole(AriaRole.Button, new() { Name = "React ❤️ to “Yes, baked at seven”" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("Reacted.");
        await host.SettleWithWebhooksAsync();
        var photo = phone.Locator("li.person").Nth(1);
        await Expect(photo).ToContainTextAsync("↩ Yes, baked at seven", Live);
        await Expect(photo).ToContainTextAsync("Photo");
        await Expect(phone.Locator("li.person").Nth(2)).ToContainTextAsync("Location", Live);
        await Expect(reply).ToContainTextAsync("❤️");
        await Expect(staff.Locator("li.client").Nth(1)).ToContainTextAsync("[Photo]", Live);
        await Expect(staff.Locator("li.client").Nth(2)).ToContainTextAsync("[Location] 40.7411,-73.9897", Live);
        await Expect(staff).ToContainTextAsync("❤️", Live);
        await SandboxScreenshots.WriteAsync(page, "sandbox-messenger", "vcita-heading", "messenger-heading");
        await page.Context.CloseAsync();
    }
}
