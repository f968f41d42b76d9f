extern alias Sandbox;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;
using Temporalio.Api.Enums.V1;

namespace TemporalBridge.Tests.Connect;

/// <summary>
/// What Meta reports on its own about an account connected on the connect page — the business removing the app from
/// its WhatsApp Business Account, Meta disabling the account, the person removing the app — sent by the sandbox as
/// Meta sends it, to the bridge over real HTTP, with the workflows on the offline kit.
/// </summary>
public sealed class MetaReportsFlowTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly string ChannelId = WorkflowIds.Channel(ProviderNames.WhatsApp, ConversationHost.PhoneNumberId);

    private async Task<ConnectBrowser> ConnectedAsync()
    {
        var browser = new ConnectBrowser(await ConversationHost.StartAsync(redis, overLoopback: true, connectNumber: false));
        using var connected = await browser.PostAsync("/connect/whatsapp", new
        {
            code = await browser.SignupCodeAsync(),
            phone_number_id = ConversationHost.PhoneNumberId,
            waba_id = ConnectBrowser.WabaId,
        });
        connected.StatusCode.Should().Be(HttpStatusCode.Accepted, await connected.Content.ReadAsStringAsync());
        await browser.Host.SettleAsync();
        return browser;
    }

    private static async Task<JsonElement> SendAsync(ConnectBrowser browser, string path, object? body = null)
    {
        using var response = await browser.Host.Control.PostAsJsonAsync(path, body ?? new { });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.Should().Be(HttpStatusCode.OK, answer.ToString());
        await browser.Host.SettleAsync();
        return answer;
    }

    private static async Task<JsonElement> ListedAsync(ConnectBrowser browser) =>
        (await browser.ChannelsAsync()).EnumerateArray().Should().ContainSingle().Subject;

    [Fact]
    public async Task TheBusinessUninstallingTheAppLeavesTheNumberNeedingReconnectionUntilItConnectsAgain()
    {
        using var browser = await ConnectedAsync();
        await using var host = browser.Host;

        var sent = await SendAsync(browser, "/whatsapp-emulator/_control/account-updates", new { @event = "PARTNER_APP_UNINSTALLED" });

        sent.GetProperty("posts")[0].GetProperty("status_code").GetInt32().Should().Be(200);
        (await ListedAsync(browser)).GetProperty("needs_reconnection").GetBoolean().Should().BeTrue(host.Diagnostics());
        host.Vcita.Snapshot().Channels.Single().DisplayName.Should().EndWith("(needs reconnection)");

        // The same report again (Meta retries what it thinks unanswered) after the business came back takes nothing away.
        (await browser.PostAsync("/connect/whatsapp", new { code = await browser.SignupCodeAsync(), phone_number_id = ConversationHost.PhoneNumberId, waba_id = ConnectBrowser.WabaId }))
            .EnsureSuccessStatusCode();
        await host.SettleAsync();
        (await ListedAsync(browser)).GetProperty("needs_reconnection").GetBoolean().Should().BeFalse();
        var webhook = host.Host.Sandbox.Services.GetRequiredService<Sandbox::TemporalBridge.Sandbox.WhatsApp.Webhooks.WebhookLog>()
            .Views().Single(w => w.Reason == "account update");
        using var again = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(webhook.Body, System.Text.Encoding.UTF8, "application/json") };
        again.Headers.Add("X-Hub-Signature-256", webhook.Signature);
        using var bridge = host.Host.Bridge.CreateClient();
        (await bridge.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.OK);
        await host.SettleAsync();
        (await ListedAsync(browser)).GetProperty("needs_reconnection").GetBoolean().Should().BeFalse("a report is acted on once");
    }

    [Fact]
    public async Task MetaDisablingTheAccountDisconnectsItsNumberAndForgetsItsToken()
    {
        using var browser = await ConnectedAsync();
        await using var host = browser.Host;

        await SendAsync(browser, "/whatsapp-emulator/_control/account-updates", new { @event = "DISABLED_UPDATE" });

        host.Vcita.Snapshot().Channels.Single().Status.Should().Be("deleted", host.Diagnostics());
        host.Host.Temporal.Workflow(ChannelId).Status.Should().Be(WorkflowExecutionStatus.Completed);
        (await browser.ChannelsAsync()).EnumerateArray().Should().BeEmpty();
        (await browser.MetaStateAsync()).GetProperty("whats_app_subscriptions").EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AnUpdateThatTakesNothingAwayLeavesTheNumberAsItWas()
    {
        using var browser = await ConnectedAsync();
        await using var host = browser.Host;

        await SendAsync(browser, "/whatsapp-emulator/_control/account-updates", new { @event = "PARTNER_APP_INSTALLED" });

        (await ListedAsync(browser)).GetProperty("status").GetString().Should().Be("active");
        (await ListedAsync(browser)).GetProperty("needs_reconnection").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task ThePersonRemovingTheAppLeavesTheirChannelsNeedingReconnection()
    {
        using var browser = await ConnectedAsync();
        await using var host = browser.Host;

        var answer = await SendAsync(browser, "/meta-emulator/_control/deauthorize?app=whatsapp");

        answer.GetProperty("status_code").GetInt32().Should().Be(200, answer.ToString());
        (await ListedAsync(browser)).GetProperty("needs_reconnection").GetBoolean().Should().BeTrue(host.Diagnostics());
        host.Vcita.Snapshot().Channels.Single().Status.Should().Be("active", "the channel stays, waiting for the business to reconnect");
    }

    [Fact]
    public async Task TheSandboxPageFiresMetasReportsAndLinksToWhereADeletionStands()
    {
        using var browser = await ConnectedAsync();
        await using var host = browser.Host;

        var page = await host.Control.GetStringAsync("/meta-emulator/app-events");
        page.Should().Contain("value=\"data-deletion:whatsapp\"").And.Contain("value=\"account-update:ACCOUNT_DELETED\"");
        using var fired = await host.Control.PostAsync("/meta-emulator/app-events", new FormUrlEncodedContent([new("action", "data-deletion:whatsapp")]));
        var answered = await fired.Content.ReadAsStringAsync();
        await host.SettleAsync();

        answered.Should().Contain("the bridge answered 200.").And.Contain("/meta/data-deletion/");
        host.Vcita.Snapshot().Channels.Single().Status.Should().Be("deleted");
        using var unknown = await host.Control.PostAsync("/meta-emulator/app-events", new FormUrlEncodedContent([new("action", "nothing")]));
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
