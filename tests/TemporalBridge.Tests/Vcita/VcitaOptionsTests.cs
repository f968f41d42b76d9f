using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TemporalBridge.Vcita;

namespace TemporalBridge.Tests.Vcita;

public sealed class VcitaOptionsTests
{
    [Fact]
    public void DefaultsPointAtVcitaWithAThirtySecondTimeout()
    {
        using var vcita = VcitaServices.For("https://api.vcita.biz", ("Vcita:ApiBaseUrl", null));

        var options = vcita.Services.GetRequiredService<IOptions<VcitaOptions>>().Value;

        options.ApiBaseUrl.Should().Be("https://api.vcita.biz");
        options.AuthorizeBaseUrl.Should().Be("https://app.vcita.com");
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("Vcita:ApiBaseUrl", "api.vcita.biz", "Vcita__ApiBaseUrl")]
    [InlineData("Vcita:ApiBaseUrl", "ftp://api.vcita.biz", "Vcita__ApiBaseUrl")]
    [InlineData("Vcita:AuthorizeBaseUrl", "/app/oauth", "Vcita__AuthorizeBaseUrl")]
    [InlineData("Vcita:RequestTimeoutSeconds", "0", "Vcita__RequestTimeoutSeconds")]
    [InlineData("Vcita:Apps:whatsapp:ClientSecret", "", "Vcita__Apps__whatsapp__ClientSecret")]
    public void AnInvalidSettingIsRefusedNamingItsVariable(string key, string value, string variable)
    {
        using var vcita = VcitaServices.For("https://api.vcita.biz", (key, value));

        var read = () => vcita.Services.GetRequiredService<IOptions<VcitaOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage($"*{variable}*");
    }
}
