using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using TemporalBridge.Tests.Providers.WhatsApp;

namespace TemporalBridge.Tests.Providers.Meta;

public sealed class WebhookSignatureTests
{
    private const string AppSecret = "test-whatsapp-app-secret";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(WebhookPayloads.SingleText());

    /// <summary>Computed independently of the code under test: HMAC-SHA256 of the raw bytes, lowercase hex.</summary>
    private static readonly string Expected =
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Body));

    [Fact]
    public void TheHmacOfTheRawBodyWithTheAppSecretIsValid()
    {
        WebhookSignature.IsValid(Body, $"sha256={Expected}", AppSecret).Should().BeTrue();
        WebhookSignature.Sign(Body, AppSecret).Should().Be($"sha256={Expected}");
    }

    [Fact]
    public void UppercaseHexIsTheSameSignature() =>
        WebhookSignature.IsValid(Body, $"sha256={Expected.ToUpperInvariant()}", AppSecret).Should().BeTrue();

    [Fact]
    public void ASignatureMadeWithAnotherSecretIsRejected() =>
        WebhookSignature.IsValid(Body, WebhookSignature.Sign(Body, "someone-elses-secret"), AppSecret).Should().BeFalse();

    [Fact]
    public void ASignatureOfAnotherBodyIsRejected()
    {
        var tampered = Encoding.UTF8.GetBytes(WebhookPayloads.SingleText("Please refund me twice"));

        WebhookSignature.IsValid(tampered, $"sha256={Expected}", AppSecret).Should().BeFalse();
    }

    [Fact]
    public void TheSameJsonWithOtherWhitespaceIsRejected()
    {
        using var document = JsonDocument.Parse(Body);
        var reserialised = JsonSerializer.SerializeToUtf8Bytes(document.RootElement, new JsonSerializerOptions { WriteIndented = true });
        reserialised.Should().NotEqual(Body);

        WebhookSignature.IsValid(reserialised, $"sha256={Expected}", AppSecret).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=nothex")]
    public void AMissingOrEmptySignatureIsRejected(string? header) =>
        WebhookSignature.IsValid(Body, header, AppSecret).Should().BeFalse();

    [Theory]
    [InlineData("sha1=")]
    [InlineData("SHA256=")]
    [InlineData("")]
    [InlineData("sha256:")]
    public void AWrongPrefixIsRejected(string prefix) =>
        WebhookSignature.IsValid(Body, prefix + Expected, AppSecret).Should().BeFalse();

    [Fact]
    public void ATruncatedSignatureIsRejected() =>
        WebhookSignature.IsValid(Body, $"sha256={Expected[..62]}", AppSecret).Should().BeFalse();

    [Fact]
    public void NoSecretConfiguredAcceptsNothing() =>
        WebhookSignature.IsValid(Body, WebhookSignature.Sign(Body, ""), "").Should().BeFalse();
}
