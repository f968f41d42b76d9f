using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.ParsedWebhooks;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>
/// <c>account_update</c> changes, shaped as Meta's account_update webhook reference and pywa's
/// tests/data/updates/account_update.json write them: read into updates, and those that take access away handed over.
/// </summary>
public sealed class AccountUpdateTests
{
    private const string WabaId = "102290129340398";
    private const string PartnerBusinessId = "506914307656634";
    private const string OurAppId = "1000000000000003";

    [Fact]
    public void APartnerEventNamesItsAccountByWabaInfoNotByTheEntrysBusinessId()
    {
        var batch = Accepted(Update(PartnerBusinessId, """
            {"event":"PARTNER_APP_UNINSTALLED","waba_info":{"waba_id":"102290129340398","owner_business_id":"377124428158812","partner_app_id":"1000000000000003"}}
            """));

        batch.AccountUpdates.Should().Equal(
            new AccountUpdate("entry[0].changes[0].value", WabaId, "PARTNER_APP_UNINSTALLED", 1739321024, OurAppId, BanState: null));
        batch.Events.Should().BeEmpty();
        batch.IgnoredFields.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"waba_ban_state":"DISABLE","waba_ban_date":"April 17, 2025"}""", "DISABLE")]
    [InlineData("""{"waba_ban_state":["DISABLE"],"waba_ban_date":"DATE"}""", "DISABLE")]
    [InlineData("""{"waba_ban_state":["REINSTATE"]}""", "REINSTATE")]
    [InlineData("""{"waba_ban_state":[]}""", null)]
    [InlineData("""{}""", null)]
    public void ABanWithoutWabaInfoNamesTheEntrysAccountAndItsStateWrittenEitherWay(string banInfo, string? state) =>
        Accepted(Update(WabaId, $$"""{"event":"DISABLED_UPDATE","ban_info":{{banInfo}}}"""))
            .AccountUpdates.Should().ContainSingle().Which.Should().Be(
                new AccountUpdate("entry[0].changes[0].value", WabaId, "DISABLED_UPDATE", 1739321024, PartnerAppId: null, state));

    [Fact]
    public void AnEntryWithoutTimeGivesAnUpdateWithoutOne() =>
        Accepted($$$"""{"object":"whatsapp_business_account","entry":[{"id":"{{{WabaId}}}","changes":[{"field":"account_update","value":{"event":"ACCOUNT_DELETED"}}]}]}""")
            .AccountUpdates.Should().ContainSingle().Which.Time.Should().BeNull();

    [Theory]
    [InlineData("""{"waba_info":{"waba_id":"1"}}""", "entry[0].changes[0].value.event", "is required")]
    [InlineData("""{"event":"ACCOUNT_DELETED","waba_info":{"waba_id":"../1"}}""", "entry[0].changes[0].value.waba_info.waba_id", "must be 1–32 digits (a Meta object id)")]
    [InlineData("""{"event":"PARTNER_REMOVED","waba_info":{"waba_id":"1","partner_app_id":"app"}}""", "entry[0].changes[0].value.waba_info.partner_app_id", "must be 1–32 digits (a Meta object id)")]
    [InlineData("""{"event":"DISABLED_UPDATE","ban_info":{"waba_ban_state":7}}""", "entry[0].changes[0].value.ban_info.waba_ban_state", "must be a string or an array of strings")]
    [InlineData("""{"event":"DISABLED_UPDATE","ban_info":{"waba_ban_state":["DISABLE",7]}}""", "entry[0].changes[0].value.ban_info.waba_ban_state", "must be a string or an array of strings")]
    [InlineData("""[]""", "entry[0].changes[0].value", "must be an object")]
    public void AWrongShapeIsRefusedNamingThePath(string value, string path, string problem) =>
        Refused(Update(WabaId, value)).Should().BeEquivalentTo(new PayloadProblem(path, problem));

    [Fact]
    public void AnUpdateNamingNoAccountAtAllIsRefusedAtTheEntrysId() =>
        Refused("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"account_update","value":{"event":"ACCOUNT_DELETED"}}]}]}""")
            .Path.Should().Be("entry[0].id");

    [Fact]
    public void AnEntryTimeThatIsNoUnixTimeIsRefused() =>
        Refused($$$"""{"object":"whatsapp_business_account","entry":[{"id":"{{{WabaId}}}","time":"soon","changes":[{"field":"account_update","value":{"event":"ACCOUNT_DELETED"}}]}]}""")
            .Path.Should().Be("entry[0].time");

    [Theory]
    [InlineData("PARTNER_APP_UNINSTALLED", OurAppId, null, false)]
    [InlineData("PARTNER_APP_UNINSTALLED", null, null, false)]
    [InlineData("PARTNER_REMOVED", OurAppId, null, false)]
    [InlineData("PARTNER_REMOVED", null, null, false)]
    [InlineData("ACCOUNT_DELETED", null, null, true)]
    [InlineData("DISABLED_UPDATE", null, "DISABLE", true)]
    public void WhatTakesAccessAwayAndWhetherTheChannelsCanComeBack(string kind, string? partnerApp, string? banState, bool disconnect) =>
        AccountRevocations.Of(new AccountUpdate("p", WabaId, kind, 1, partnerApp, banState), OurAppId)
            .Should().NotBeNull().And.Subject.As<AccessRevoked>().Disconnect.Should().Be(disconnect);

    [Theory]
    [InlineData("PARTNER_APP_UNINSTALLED", null, "the business removed this app from its WhatsApp Business Account")]
    [InlineData("PARTNER_REMOVED", null, "the business removed this bridge as a partner of its WhatsApp Business Account")]
    [InlineData("ACCOUNT_DELETED", null, "Meta deleted the WhatsApp Business Account")]
    [InlineData("DISABLED_UPDATE", "DISABLE", "Meta disabled the WhatsApp Business Account")]
    public void TheReasonSaysWhoTookAccessAway(string kind, string? banState, string reason) =>
        AccountRevocations.Of(new AccountUpdate("p", WabaId, kind, 1, null, banState), OurAppId)!.Reason.Should().Be(reason);

    [Theory]
    [InlineData("PARTNER_APP_UNINSTALLED", "1000000000000009", null)]
    [InlineData("PARTNER_REMOVED", "1000000000000009", null)]
    [InlineData("DISABLED_UPDATE", null, "REINSTATE")]
    [InlineData("DISABLED_UPDATE", null, "SCHEDULE_FOR_DISABLE")]
    [InlineData("DISABLED_UPDATE", null, null)]
    [InlineData("PARTNER_APP_INSTALLED", OurAppId, null)]
    [InlineData("PARTNER_ADDED", null, null)]
    [InlineData("ACCOUNT_RESTRICTION", null, null)]
    [InlineData("ACCOUNT_RECONNECTED", null, null)]
    [InlineData("account_deleted", null, null)]
    public void AnotherAppsPartnerEventOrAnUpdateThatKeepsAccessTakesNothingAway(string kind, string? partnerApp, string? banState) =>
        AccountRevocations.Of(new AccountUpdate("p", WabaId, kind, 1, partnerApp, banState), OurAppId).Should().BeNull();

    [Fact]
    public void APartnerEventNamingAnAppWhenTheBridgeHasNoneConfiguredIsNotOurs() =>
        AccountRevocations.Of(new AccountUpdate("p", WabaId, "PARTNER_APP_UNINSTALLED", 1, OurAppId, null), "").Should().BeNull();

    [Fact]
    public async Task AnUpdateThatTakesAccessAwayIsHandedOverForTheAccountsChannelsOthersOnlyLogged()
    {
        var handOver = new RecordingHandOver();
        await using var app = new BridgeApplication()
            .WithSetting("WhatsApp:AppId", OurAppId)
            .WithServices(services => services.AddSingleton<IProviderEventHandOver>(handOver));
        using var client = app.CreateClient();
        var installed = $$$"""{"event":"PARTNER_APP_INSTALLED","waba_info":{"waba_id":"{{{WabaId}}}","owner_business_id":"1","partner_app_id":"{{{OurAppId}}}"}}""";
        var uninstalled = installed.Replace("PARTNER_APP_INSTALLED", "PARTNER_APP_UNINSTALLED", StringComparison.Ordinal);
        var body = $$"""
            {"object":"whatsapp_business_account","entry":[
              {"id":"{{PartnerBusinessId}}","time":1739321024,"changes":[{"field":"account_update","value":{{installed}} }]},
              {"id":"{{PartnerBusinessId}}","time":1739321099,"changes":[{"field":"account_update","value":{{uninstalled}} }]}]}
            """;

        var response = await client.SendAsync(Signed(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK, app.Logs.AllText);
        handOver.Events.Should().Equal(new AccountGroupRevokedEvent(
            ProviderNames.WhatsApp, WabaId, "PARTNER_APP_UNINSTALLED-1739321099",
            new AccessRevoked("the business removed this app from its WhatsApp Business Account", Disconnect: false)));
        app.Logs.AllText.Should().Contain("""WhatsApp account update "PARTNER_APP_INSTALLED" for business account "102290129340398" (takes access away: False)""");
    }

    [Fact]
    public async Task AnUpdateThatTakesNothingAwayIsAnswered200WithoutAHandOver()
    {
        var handOver = new RecordingHandOver();
        await using var app = new BridgeApplication().WithServices(services => services.AddSingleton<IProviderEventHandOver>(handOver));
        using var client = app.CreateClient();

        var response = await client.SendAsync(Signed(Update(WabaId, """{"event":"ACCOUNT_RESTRICTION","restriction_info":[{"restriction_type":"RESTRICTED_BIZ_INITIATED_MESSAGING","expiration":1739321024}]}""")));

        response.StatusCode.Should().Be(HttpStatusCode.OK, app.Logs.AllText);
        handOver.Batches.Should().BeEmpty();
    }

    private static string Update(string entryId, string value) =>
        $$"""{"object":"whatsapp_business_account","entry":[{"id":"{{entryId}}","time":1739321024,"changes":[{"field":"account_update","value":{{value}}}]}]}""";

    private static HttpRequestMessage Signed(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), "test-whatsapp-app-secret"));
        return request;
    }
}
