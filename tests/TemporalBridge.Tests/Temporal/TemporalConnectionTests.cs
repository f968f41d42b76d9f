using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TemporalBridge.Temporal;
using Temporalio.Client;

namespace TemporalBridge.Tests.Temporal;

/// <summary>Reaching Temporal Cloud (API key or mTLS) or a self-hosted server behind TLS, by settings alone.</summary>
public sealed class TemporalConnectionTests
{
    [Fact]
    public void ThePlainDevServerNeedsNoTls() =>
        TemporalTls.For(new TemporalOptions()).Should().BeNull();

    [Fact]
    public void AnApiKeyTurnsTlsOn() =>
        TemporalTls.For(new TemporalOptions { ApiKey = "cloud-api-key" }).Should().NotBeNull();

    [Fact]
    public void TlsCanBeAskedForWithoutACertificate() =>
        TemporalTls.For(new TemporalOptions { Tls = true })!.ClientCert.Should().BeNull();

    [Fact]
    public void AClientCertificateAndItsKeyAreReadFromTheirFiles()
    {
        var cert = Path.GetTempFileName();
        var key = Path.GetTempFileName();
        try
        {
            File.WriteAllText(cert, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
            File.WriteAllText(key, "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");

            var tls = TemporalTls.For(new TemporalOptions { TlsCertPath = cert, TlsKeyPath = key })!;

            tls.ClientCert.Should().Equal(File.ReadAllBytes(cert));
            tls.ClientPrivateKey.Should().Equal(File.ReadAllBytes(key));
        }
        finally
        {
            File.Delete(cert);
            File.Delete(key);
        }
    }

    [Fact]
    public void ACertificateWithoutItsKeyIsASettingErrorNamingBoth()
    {
        var build = () => TemporalTls.For(new TemporalOptions { TlsCertPath = "/etc/temporal/client.pem" });

        build.Should().Throw<InvalidOperationException>().WithMessage("*Temporal__TlsCertPath*Temporal__TlsKeyPath*");
    }

    [Fact]
    public async Task TheBridgesClientIsConfiguredFromTheTemporalSettings()
    {
        await using var app = new BridgeApplication()
            .WithSetting("Temporal:Address", "my-ns.a1b2c.tmprl.cloud:7233")
            .WithSetting("Temporal:Namespace", "my-ns.a1b2c")
            .WithSetting("Temporal:ApiKey", "cloud-api-key");

        var client = app.Services.GetRequiredService<IOptions<TemporalClientConnectOptions>>().Value;

        client.TargetHost.Should().Be("my-ns.a1b2c.tmprl.cloud:7233");
        client.Namespace.Should().Be("my-ns.a1b2c");
        client.ApiKey.Should().Be("cloud-api-key");
        client.Tls.Should().NotBeNull();
    }
}
