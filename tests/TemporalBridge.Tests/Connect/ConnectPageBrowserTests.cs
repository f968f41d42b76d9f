using System.Net.Http.Json;
using Microsoft.Playwright;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Browser;
using TemporalBridge.Tests.Conversations;
using static Microsoft.Playwright.Assertions;

namespace TemporalBridge.Tests.Connect;

/// <summary>
/// The connect page in Debian's Chromium, against the bridge and the sandbox over real HTTP, with the workflows on the
/// offline kit (settled by the test after each step, as a worker would run them). With <c>CONNECT_SCREENSHOTS=1</c> the
/// tests write the README's screenshots of the page (docs/images/).
/// </summary>
public sealed class ConnectPageBrowserTests(RedisServer redis, Chromium chromium) : IClassFixture<RedisServer>, IClassFixture<Chromium>
{
    private static readonly LocatorAssertionsToContainTextOptions Live = new() { Timeout = 15_000 };

    private async Task<(ConversationHost Host, IPage Page)> SignInAsync(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? sandbox = null)
    {
        var host = await ConversationHost.StartAsync(redis, sandbox, overLoopback: true, connectNumber: false);
        var page = await chromium.NewPageAsync();
        // Without a sign-in the page sends the browser through vcita's consent, which the emulator gives at once.
        await page.GotoAsync(new Uri(host.Host.BridgeUrl, "/connect").ToString());
        await Expect(page).ToHaveURLAsync(new Uri(host.Host.BridgeUrl, "/connect").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect your channels" })).ToBeVisibleAsync();
        await Expect(page.Locator("header")).ToContainTextAsync(Tests.CommunicationApp.VcitaBridgeHost.BusinessUid);
        await Expect(page.Locator("#channels-empty")).ToBeVisibleAsync();
        return (host, page);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CONNECT_SCREENSHOTS") == "1")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryFiles.PathOf($"docs/images/{name}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task SignedInWithVcitaABusinessConnectsItsNumberAndItsClientsReachVcita()
    {
        var (host, page) = await SignInAsync();
        await using var _ = host;

        var dialog = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Connect a number" }).ClickAsync());
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Acme Bakery — +15550783881" })).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Finish" }).ClickAsync();

        await Expect(page.Locator("#notice")).ToContainTextAsync("Your number is connected", Live);
        await host.SettleAsync();
        var row = page.Locator("#channels tbody tr");
        await Expect(row).ToContainTextAsync("WhatsApp Acme Bakery (+1 555-078-3881)", Live);
        await Expect(row).ToContainTextAsync("Active", Live);
        await ScreenshotAsync(page, "connect-whatsapp");

        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = "15551230001", name = "Maria da Silva" })).EnsureSuccessStatusCode();
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", new { from = "15551230001", id = "wamid.browser.1", type = "text", text = new { body = "Hello from WhatsApp" } })).EnsureSuccessStatusCode();
        await host.SettleAsync();
        host.MessagesInVcita().Should().ContainSingle(host.Diagnostics()).Which.Message.Should().Be("Hello from WhatsApp");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACancelledDialogOrAnAccountNotSharedSaysWhatHappenedAndConnectsNothing()
    {
        var (host, page) = await SignInAsync();
        await using var _ = host;

        var dialog = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Connect a number" }).ClickAsync());
        var closed = new TaskCompletionSource();
        dialog.Close += (_, _) => closed.TrySetResult();
        try
        {
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        }
        catch (PlaywrightException)
        {
            // Cancel closes Meta's window within the click, while Playwright may still be finishing the click there:
            // the window closing is what is awaited next, and a click that failed otherwise leaves it open.
        }
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You closed Meta's window", Live);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was connected");

        dialog = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Connect a number" }).ClickAsync());
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Share the WhatsApp Business Account with the app" }).UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Finish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The WhatsApp Business Account was not shared", Live);

        await host.SettleAsync();
        host.Vcita.Snapshot().Channels.Should().BeEmpty();
        await Expect(page.Locator("#channels-empty")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoPagesPickedAfterFacebookLoginBecomeTwoChannelsAndOneDisconnects()
    {
        var (host, page) = await SignInAsync(web =>
        {
            web.UseSetting("MessengerEmulator:Pages:0:PageId", "2000000000000001");
            web.UseSetting("MessengerEmulator:Pages:0:Name", "Acme Bakery");
            web.UseSetting("MessengerEmulator:Pages:0:AccessToken", "dev-messenger-page-token");
            web.UseSetting("MessengerEmulator:Pages:1:PageId", "2000000000000002");
            web.UseSetting("MessengerEmulator:Pages:1:Name", "Acme Bakery Downtown");
            web.UseSetting("MessengerEmulator:Pages:1:AccessToken", "dev-messenger-page-token-2");
        });
        await using var _ = host;

        var dialog = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Connect a Facebook Page" }).ClickAsync());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Acme Bakery", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Acme Bakery Downtown" }).CheckAsync();
        await ScreenshotAsync(page, "connect-messenger-pick");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect the chosen Facebook Pages" }).ClickAsync();

        await Expect(page.Locator("#notice")).ToContainTextAsync("2 Page(s) connected", Live);
        await host.SettleAsync();
        await Expect(page.Locator("#channels tbody tr")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Expect(page.Locator("#channels tbody tr").Nth(1)).ToContainTextAsync("Active", Live);
        await ScreenshotAsync(page, "connect-messenger");

        page.Dialog += (_, confirm) => confirm.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect Messenger Acme Bakery Downtown" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("is being disconnected", Live);
        await host.SettleAsync();
        await Expect(page.Locator("#channels tbody tr")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        host.Vcita.Snapshot().Channels.Single(c => c.DisplayName == "Messenger Acme Bakery Downtown").Status.Should().Be("deleted");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARevokedPageTokenAsksForReconnectionAndTheWaitingReplyGoesOutOnceReconnected()
    {
        var (host, page) = await SignInAsync(web => web.UseSetting("MessengerEmulator:DeliveryDelayMs", "0"));
        await using var _ = host;
        await ConnectPagesAsync(page, "1 Page(s) connected");
        await host.SettleAsync();
        var conversation = await PageConversation.WithPersonAsync(host);

        // Meta's side: the person changed their password, so the Page token the bridge holds no longer works.
        await conversation.PageTokenChangesAsync("renewed-page-token-1234");
        await conversation.StaffWritesAsync("staff-1", "Are you coming?");
        conversation.Calls("send").Should().ContainSingle().Which.ErrorCode.Should().Be(190);
        // The page refreshes its list every 15 s when nothing is under way; the business opening it sees at once.
        await page.ReloadAsync();
        var row = page.Locator("#channels tbody tr");
        await Expect(row).ToContainTextAsync("Needs reconnection", Live);

        await ConnectPagesAsync(page, "1 Page(s) connected", reconnect: "Messenger Acme Bakery");
        await conversation.SettleAsync();

        conversation.SuccessfulSends().Select(PageConversation.TextOf).Should().Equal(["Are you coming?"], host.Diagnostics());
        conversation.VcitaStatuses("staff-1").Should().Equal("sent", "received");
        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("Active", Live);
        await Expect(row).Not.ToContainTextAsync("Needs reconnection");
        host.Host.Bridge.Logs.AllText.Should().NotContain("renewed-page-token-1234");
        await page.Context.CloseAsync();
    }

    /// <summary>Facebook Login from the page (or a channel's Reconnect), the development Page picked.</summary>
    private static async Task ConnectPagesAsync(IPage page, string notice, string? reconnect = null)
    {
        var opener = reconnect is null
            ? page.GetByRole(AriaRole.Button, new() { Name = "Connect a Facebook Page" })
            : page.GetByRole(AriaRole.Button, new() { Name = $"Reconnect {reconnect}" });
        var dialog = await page.RunAndWaitForPopupAsync(() => opener.ClickAsync());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var name = reconnect is null ? "Acme Bakery" : "Acme Bakery (connected: picking it reconnects it)";
        await page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect the chosen Facebook Pages" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync(notice, Live);
    }
}
