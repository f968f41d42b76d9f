using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;
using TemporalBridge.Tests.Conversations;
using Temporalio.Api.Enums.V1;

namespace TemporalBridge.Tests.Connect;

/// <summary>
/// A business connects its own accounts on the connect page, against the sandbox's Meta stand-in over real HTTP, with
/// the workflows on the offline kit: Embedded Signup for a number, Facebook Login for Pages, disconnecting; and each
/// way it can fail changes nothing.
/// </summary>
public sealed class ConnectFlowTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Number = ConversationHost.PhoneNumberId;
    private static readonly string ChannelId = WorkflowIds.Channel(ProviderNames.WhatsApp, Number);

    private async Task<ConnectBrowser> StartAsync(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? sandbox = null)
    {
        var host = await ConversationHost.StartAsync(redis, sandbox, overLoopback: true, connectNumber: false);
        return new ConnectBrowser(host);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task ANumberConnectedThroughEmbeddedSignupCarriesClientMessagesAndDisconnectsCleanly()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;

        using var connected = await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(), phone_number_id = Number, waba_id = ConnectBrowser.WabaId });
        connected.StatusCode.Should().Be(HttpStatusCode.Accepted, await connected.Content.ReadAsStringAsync() + host.Host.Bridge.Logs.AllText);
        await host.SettleAsync();

        var channel = host.Vcita.Snapshot().Channels.Should().ContainSingle().Subject;
        channel.DisplayName.Should().Be("WhatsApp Acme Bakery (+1 555-078-3881)", "the number's verified name, then the number");
        channel.Status.Should().Be("active");
        var listed = (await browser.ChannelsAsync()).EnumerateArray().Should().ContainSingle().Subject;
        listed.GetProperty("status").GetString().Should().Be("active");
        var meta = await browser.MetaStateAsync();
        meta.GetProperty("whats_app_subscriptions").EnumerateArray().Select(s => s.GetString()).Should().Equal(ConnectBrowser.WabaId);
        meta.GetProperty("register_calls").GetProperty(Number).GetInt32().Should().Be(1);

        var handle = host.Host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId);
        var credentials = await handle.QueryAsync(wf => wf.Credentials);
        credentials!.AccessToken.Should().StartWith("EAA").And.NotBe(VcitaBridgeHost.WhatsAppAccessToken, "the business's own token, not the global one");
        credentials.RegistrationPin.Should().MatchRegex("^[0-9]{6}$");
        credentials.Subscribed.Should().BeTrue();
        credentials.ConnectedBy.Should().NotBeNullOrEmpty().And.NotContain("3000000000000001", "the person is named by a pseudonym");
        host.Host.Temporal.Workflow(ChannelId).SearchAttribute<string>(BridgeSearchAttributes.AccountGroupId.Name).Should().Be(ConnectBrowser.WabaId);
        host.Host.Bridge.Logs.AllText.Should().NotContain(credentials.AccessToken).And.NotContain(credentials.RegistrationPin!);

        // A client writes: the number's messages reach vcita, and the bridge answers the emulator with the business token.
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = "15551230001", name = "Maria da Silva" })).EnsureSuccessStatusCode();
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", new { from = "15551230001", id = "wamid.connect.1", type = "text", text = new { body = "Hi there" } })).EnsureSuccessStatusCode();
        await host.SettleAsync();
        host.MessagesInVcita().Should().ContainSingle(host.Diagnostics()).Which.Message.Should().Be("Hi there");

        using var disconnected = await browser.PostAsync($"/connect/channels/whatsapp/{Number}/disconnect");
        disconnected.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.SettleAsync();

        host.Vcita.FindChannel(channel.Uid)!.Status.Should().Be("deleted");
        host.Host.Temporal.Workflow(ChannelId).Status.Should().Be(WorkflowExecutionStatus.Completed);
        (await host.Service<IAccountCredentials>().FindAsync(ProviderNames.WhatsApp, Number, CancellationToken.None))
            .Should().BeNull("nothing in the bridge holds the account's token past the connection");
        (await browser.MetaStateAsync()).GetProperty("whats_app_subscriptions").EnumerateArray().Should().BeEmpty();
        (await browser.ChannelsAsync()).EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ConnectingTheNumberAgainReplacesTheTokenAndKeepsThePin()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;
        (await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(), phone_number_id = Number, waba_id = ConnectBrowser.WabaId })).EnsureSuccessStatusCode();
        await host.SettleAsync();
        var handle = host.Host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId);
        var first = await handle.QueryAsync(wf => wf.Credentials);

        using var again = await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(), phone_number_id = Number, waba_id = ConnectBrowser.WabaId });
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.SettleAsync();

        var second = await handle.QueryAsync(wf => wf.Credentials);
        second!.AccessToken.Should().NotBe(first!.AccessToken);
        second.RegistrationPin.Should().Be(first.RegistrationPin);
        (await browser.MetaStateAsync()).GetProperty("register_calls").GetProperty(Number).GetInt32().Should().Be(1, "a registered number is not registered again");
        host.Vcita.Snapshot().Channels.Should().ContainSingle();
    }

    [Fact]
    public async Task ATokenThatDoesNotCoverTheAccountConnectsNothing()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;

        using var response = await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(shareAccount: false), phone_number_id = Number, waba_id = ConnectBrowser.WabaId });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ProblemAsync(response);
        problem.GetProperty("field").GetString().Should().Be("waba_id");
        problem.GetProperty("title").GetString().Should().Be("The WhatsApp Business Account was not shared");
        host.Host.Temporal.Workflows.Where(w => w.WorkflowType == nameof(ChannelWorkflow)).Should().BeEmpty();
        var meta = await browser.MetaStateAsync();
        meta.GetProperty("whats_app_subscriptions").EnumerateArray().Should().BeEmpty();
        meta.GetProperty("register_calls").EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task ACodeUsedTwiceIsRefusedNamingTheCode()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;
        var code = await browser.SignupCodeAsync();
        (await browser.PostAsync("/connect/whatsapp", new { code, phone_number_id = Number, waba_id = ConnectBrowser.WabaId })).EnsureSuccessStatusCode();

        using var replay = await browser.PostAsync("/connect/whatsapp", new { code, phone_number_id = Number, waba_id = ConnectBrowser.WabaId });

        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ProblemAsync(replay);
        problem.GetProperty("field").GetString().Should().Be("code");
        problem.GetProperty("detail").GetString().Should().Contain("100/36009").And.Contain("Nothing was connected");
    }

    [Fact]
    public async Task ARegistrationMetaRefusesUndoesTheSubscriptionAndConnectsNothing()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/faults", new { operation = "register", code = 131031, count = 1 })).EnsureSuccessStatusCode();

        using var refused = await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(), phone_number_id = Number, waba_id = ConnectBrowser.WabaId });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ProblemAsync(refused);
        problem.GetProperty("title").GetString().Should().Be("Meta refused the number registration step");
        problem.GetProperty("detail").GetString().Should().Contain("Nothing was connected");
        (await browser.MetaStateAsync()).GetProperty("whats_app_subscriptions").EnumerateArray().Should().BeEmpty("the subscription made for it was undone");
        await host.SettleAsync();
        host.Vcita.Snapshot().Channels.Should().BeEmpty();
        (await browser.ChannelsAsync()).EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ANumberAnotherBusinessConnectedIsRefusedWithoutNamingThatBusiness()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;
        using var other = await host.Host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = VcitaBridgeHost.OtherBusinessUid,
            provider = "whatsapp",
            account_id = Number,
            display_name = "+1 555 078 3881",
        });
        other.StatusCode.Should().Be(HttpStatusCode.Accepted, await other.Content.ReadAsStringAsync());
        await host.SettleAsync();

        using var response = await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(), phone_number_id = Number, waba_id = ConnectBrowser.WabaId });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("phone_number_id").And.NotContain(VcitaBridgeHost.OtherBusinessUid);
        (await browser.MetaStateAsync()).GetProperty("whats_app_subscriptions").EnumerateArray().Should().BeEmpty();
        (await browser.ChannelsAsync()).EnumerateArray().Should().BeEmpty("the other business's channel is not this one's to see");

        using var disconnect = await browser.PostAsync($"/connect/channels/whatsapp/{Number}/disconnect");
        disconnect.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await host.SettleAsync();
        host.Host.Temporal.Workflow(ChannelId).Status.Should().Be(WorkflowExecutionStatus.Running);
    }

    [Fact]
    public async Task TwoPagesPickedAfterFacebookLoginBecomeTwoChannels()
    {
        using var browser = await StartAsync(web =>
        {
            web.UseSetting("MessengerEmulator:Pages:0:PageId", "2000000000000001");
            web.UseSetting("MessengerEmulator:Pages:0:Name", "Acme Bakery");
            web.UseSetting("MessengerEmulator:Pages:0:AccessToken", "dev-messenger-page-token");
            web.UseSetting("MessengerEmulator:Pages:1:PageId", "2000000000000002");
            web.UseSetting("MessengerEmulator:Pages:1:Name", "Acme Bakery Downtown");
            web.UseSetting("MessengerEmulator:Pages:1:AccessToken", "dev-messenger-page-token-2");
        });
        await using var host = browser.Host;

        using var listed = await browser.PostAsync("/connect/messenger/pages", new { access_token = await browser.LoginTokenAsync("2000000000000001", "2000000000000002") });
        var picker = await listed.Content.ReadFromJsonAsync<JsonElement>();
        listed.StatusCode.Should().Be(HttpStatusCode.OK, picker.ToString());
        picker.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("Acme Bakery", "Acme Bakery Downtown");
        picker.ToString().Should().NotContain("dev-messenger-page-token", "Page tokens stay on the bridge");

        using var connected = await browser.PostAsync("/connect/messenger", new { ticket = picker.GetProperty("ticket").GetString(), page_ids = new[] { "2000000000000001", "2000000000000002" } });
        connected.StatusCode.Should().Be(HttpStatusCode.Accepted, await connected.Content.ReadAsStringAsync());
        await host.SettleAsync();

        host.Vcita.Snapshot().Channels.Select(c => (c.DisplayName, c.Status)).Should().BeEquivalentTo(
            [("Messenger Acme Bakery", "active"), ("Messenger Acme Bakery Downtown", "active")]);
        (await browser.MetaStateAsync()).GetProperty("messenger_subscriptions").EnumerateArray().Select(s => s.GetString())
            .Should().Equal("2000000000000001", "2000000000000002");
        var credentials = await host.Host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(WorkflowIds.Channel(ProviderNames.Messenger, "2000000000000002"))
            .QueryAsync(wf => wf.Credentials);
        credentials!.AccessToken.Should().Be("dev-messenger-page-token-2");
    }

    [Fact]
    public async Task APageTheLoginDoesNotManageOrAnExpiredTicketConnectsNothing()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;
        using var listed = await browser.PostAsync("/connect/messenger/pages", new { access_token = await browser.LoginTokenAsync("2000000000000001") });
        var ticket = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;

        using var notManaged = await browser.PostAsync("/connect/messenger", new { ticket, page_ids = new[] { "2000000000000001", "2999999999999999" } });
        notManaged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(notManaged)).GetProperty("field").GetString().Should().Be("page_ids");

        using var forged = await browser.PostAsync("/connect/messenger", new { ticket = ticket[..^4] + "AAAA", page_ids = new[] { "2000000000000001" } });
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(forged)).GetProperty("field").GetString().Should().Be("ticket");

        host.Host.Temporal.Workflows.Where(w => w.WorkflowType == nameof(ChannelWorkflow)).Should().BeEmpty();
        (await browser.MetaStateAsync()).GetProperty("messenger_subscriptions").EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task MetasDataDeletionCallbackDisconnectsThePersonsChannelsAndItsPageSaysSo()
    {
        using var browser = await StartAsync();
        await using var host = browser.Host;
        (await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(), phone_number_id = Number, waba_id = ConnectBrowser.WabaId })).EnsureSuccessStatusCode();
        await host.SettleAsync();

        // Signed as Meta signs it, with the WhatsApp app's secret, for the person who went through the dialog.
        var payload = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(
            """{"algorithm":"HMAC-SHA256","expires":1767229200,"issued_at":1767225600,"user_id":"3000000000000001"}"""));
        var signature = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(VcitaBridgeHost.WhatsAppAppSecret), System.Text.Encoding.ASCII.GetBytes(payload)));
        using var meta = host.Host.Bridge.CreateClient();
        using var answer = await meta.PostAsync("/meta/data-deletion", new FormUrlEncodedContent([new("signed_request", $"{signature}.{payload}")]));
        var deletion = await answer.Content.ReadFromJsonAsync<JsonElement>();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, deletion.ToString());
        var code = deletion.GetProperty("confirmation_code").GetString()!;
        deletion.GetProperty("url").GetString().Should().EndWith($"/meta/data-deletion/{code}");
        await host.SettleAsync();

        host.Vcita.Snapshot().Channels.Single().Status.Should().Be("deleted");
        host.Host.Temporal.Workflow(ChannelId).Status.Should().Be(WorkflowExecutionStatus.Completed);
        (await browser.MetaStateAsync()).GetProperty("whats_app_subscriptions").EnumerateArray().Should().BeEmpty();
        var page = await meta.GetStringAsync($"/meta/data-deletion/{code}");
        page.Should().Contain("Done: 1 connected account(s) were disconnected");
    }
}
