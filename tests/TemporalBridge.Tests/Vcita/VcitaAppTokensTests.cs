using Microsoft.AspNetCore.Http;
using TemporalBridge.Vcita;

namespace TemporalBridge.Tests.Vcita;

public sealed class VcitaAppTokensTests : IAsyncLifetime
{
    private const string TokenPath = "/oauth/service/token";

    private VcitaApiDouble api = null!;

    public async Task InitializeAsync() => api = await VcitaApiDouble.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task TheAppTokenIsAskedForWithTheAppsCredentialsAndThenCached()
    {
        using var vcita = VcitaServices.For(api);

        var first = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        var second = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);

        first.Should().Be("app-token-1");
        second.Should().Be(first);
        api.ServiceTokenRequests.Should().Be(1);
        api.Requests.Single().Body.Should().Be(
            $$"""{"service_id":"{{VcitaServices.WhatsAppClientId}}","service_secret":"{{VcitaServices.WhatsAppClientSecret}}"}""");
    }

    [Fact]
    public async Task TheTokenIsRenewedFiveMinutesBeforeItExpires()
    {
        using var vcita = VcitaServices.For(api);
        await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);

        vcita.Clock.Advance(TimeSpan.FromMinutes(54));
        var beforeTheMargin = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        vcita.Clock.Advance(TimeSpan.FromMinutes(1));
        var inTheMargin = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);

        beforeTheMargin.Should().Be("app-token-1");
        inTheMargin.Should().Be("app-token-2");
        api.ServiceTokenRequests.Should().Be(2);
    }

    [Fact]
    public async Task AShortLivedTokenIsRenewedWhenATenthOfItsLifeIsLeft()
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", TokenPath, 200, """{"access_token":"short-lived","token_type":"Bearer","expires_in":600}""");
        await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);

        vcita.Clock.Advance(TimeSpan.FromSeconds(539));
        await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        api.ServiceTokenRequests.Should().Be(1);

        vcita.Clock.Advance(TimeSpan.FromSeconds(1));
        await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        api.ServiceTokenRequests.Should().Be(2);
    }

    [Fact]
    public async Task ConcurrentCallersShareOneRenewal()
    {
        using var vcita = VcitaServices.For(api);
        var release = new TaskCompletionSource();
        api.Answer("POST", TokenPath, async context =>
        {
            await release.Task;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"access_token":"shared-token","token_type":"Bearer","expires_in":3600}""");
        });

        // The first caller takes the renewal and waits on vcita; the others queue behind it before it answers.
        var callers = Enumerable.Range(0, 20).Select(_ => vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None).AsTask()).ToArray();
        release.SetResult();
        var tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        tokens.Should().AllBe("shared-token");
        api.ServiceTokenRequests.Should().Be(1);
    }

    [Fact]
    public async Task EachProvidersAppHasItsOwnCredentialsAndToken()
    {
        using var vcita = VcitaServices.For(api);

        var whatsapp = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        var messenger = await vcita.AppTokens.GetAsync("messenger", CancellationToken.None);
        vcita.AppTokens.Invalidate("messenger");
        var whatsappAgain = await vcita.AppTokens.GetAsync("WhatsApp", CancellationToken.None);

        whatsapp.Should().NotBe(messenger);
        whatsappAgain.Should().Be(whatsapp, "provider names ignore case, and invalidating messenger's token leaves WhatsApp's");
        api.Requests.Select(request => request.Body).Should().Equal(
            $$"""{"service_id":"{{VcitaServices.WhatsAppClientId}}","service_secret":"{{VcitaServices.WhatsAppClientSecret}}"}""",
            $$"""{"service_id":"{{VcitaServices.MessengerClientId}}","service_secret":"{{VcitaServices.MessengerClientSecret}}"}""");
    }

    [Fact]
    public async Task AnUnconfiguredProviderFailsNamingTheSettingsToSet()
    {
        using var vcita = VcitaServices.For(api, ("Vcita:Apps:messenger:ClientId", null), ("Vcita:Apps:messenger:ClientSecret", null));

        var get = () => vcita.AppTokens.GetAsync("messenger", CancellationToken.None).AsTask();

        await get.Should().ThrowExactlyAsync<InvalidOperationException>()
            .WithMessage("*Vcita__Apps__messenger__ClientId and Vcita__Apps__messenger__ClientSecret*");
        api.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task ARejectedTokenIsRenewedOnceEvenWhenManyCallersReportIt()
    {
        using var vcita = VcitaServices.For(api);
        var rejected = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);

        vcita.AppTokens.Invalidate("whatsapp", rejected);
        var renewed = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        vcita.AppTokens.Invalidate("whatsapp", rejected);
        var afterALateReport = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);

        renewed.Should().Be("app-token-2");
        afterALateReport.Should().Be(renewed);
        api.ServiceTokenRequests.Should().Be(2);
    }

    [Fact]
    public async Task AFailedRenewalKeepsTheCurrentTokenUntilItExpires()
    {
        using var vcita = VcitaServices.For(api);
        var current = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        api.Answer("POST", TokenPath, 503, """{"success":false,"errors":[{"code":"unexpected","message":"down"}]}""");

        vcita.Clock.Advance(TimeSpan.FromMinutes(58));
        var inTheMargin = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        vcita.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = () => vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None).AsTask();

        inTheMargin.Should().Be(current);
        (await expired.Should().ThrowExactlyAsync<VcitaApiException>()).Which.Kind.Should().Be(VcitaFailure.Transient);
        vcita.Logs.AllText.Should().Contain("Could not renew the vcita app token of whatsapp");
    }

    [Fact]
    public async Task RejectedCredentialsArePermanentAndTheSecretAppearsNowhere()
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", TokenPath, 401, """{"error":"invalid_client","error_description":"Client authentication failed"}""");

        var failure = await vcita.AppTokens.Invoking(tokens => tokens.GetAsync("whatsapp", CancellationToken.None).AsTask())
            .Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Kind.Should().Be(VcitaFailure.Permanent);
        failure.Which.ToString().Should().NotContain(VcitaServices.WhatsAppClientSecret);
        vcita.Logs.AllText.Should().NotContain(VcitaServices.WhatsAppClientSecret);
    }

    [Fact]
    public async Task TokensAreNeverLogged()
    {
        using var vcita = VcitaServices.For(api);

        var token = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        await vcita.Vcs.CreateChannelAsync(token, new VcsCreateChannelRequest("bu0000000000001", VcsChannelTypes.Transactional, "Acme"));

        vcita.Logs.AllText.Should().Contain("Renewed the vcita app token of whatsapp")
            .And.NotContain(token).And.NotContain(VcitaServices.WhatsAppClientSecret);
    }
}
