using Microsoft.Extensions.Options;
using TemporalBridge.Connect;
using TemporalBridge.Tests.Vcita;

namespace TemporalBridge.Tests.Connect;

public sealed class SealedValuesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    private static SealedValues With(string key, TimeProvider time) =>
        new(Options.Create(new ConnectOptions { SessionKey = key }), time);

    [Fact]
    public void WhatIsSealedOpensForItsPurposeUntilItExpires()
    {
        var clock = new ManualClock(Start);
        var values = With(BridgeApplication.TestConnectSessionKey, clock);

        var sealedText = values.Seal("ticket", "bizuid0000000001 EAAlong-lived-token", TimeSpan.FromMinutes(15));

        sealedText.Should().NotContain("EAAlong-lived-token").And.NotContain("bizuid");
        values.Open("ticket", sealedText).Should().Be("bizuid0000000001 EAAlong-lived-token");
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        values.Open("ticket", sealedText).Should().Be("bizuid0000000001 EAAlong-lived-token");
        clock.Advance(TimeSpan.FromSeconds(1));
        values.Open("ticket", sealedText).Should().BeNull("it expired");
    }

    [Fact]
    public void AnotherPurposeAKeyOrAChangedByteOpensNothing()
    {
        var clock = new ManualClock(Start);
        var values = With(BridgeApplication.TestConnectSessionKey, clock);
        var sealedText = values.Seal("connect-session", "bizuid0000000001 csrf", TimeSpan.FromMinutes(30));

        values.Open("page-picker", sealedText).Should().BeNull("a sign-in is no ticket");
        With(Convert.ToBase64String(new byte[32]), clock).Open("connect-session", sealedText).Should().BeNull();
        var bytes = sealedText.ToCharArray();
        bytes[20] = bytes[20] == 'A' ? 'B' : 'A';
        values.Open("connect-session", new string(bytes)).Should().BeNull();
        values.Open("connect-session", sealedText[..^1]).Should().BeNull();
        values.Open("connect-session", "").Should().BeNull();
        values.Open("connect-session", "not base64url!").Should().BeNull();
        values.Open("connect-session", new string('A', SealedValues.MaxSealedLength + 1)).Should().BeNull();
    }

    [Fact]
    public void EverySealingIsDifferentSoNoTwoSignInsLookAlike()
    {
        var values = With(BridgeApplication.TestConnectSessionKey, new ManualClock(Start));

        values.Seal("connect-session", "same", TimeSpan.FromMinutes(30))
            .Should().NotBe(values.Seal("connect-session", "same", TimeSpan.FromMinutes(30)), "each takes a fresh nonce");
    }

    [Fact]
    public void TheLongestSealedTextOpensAndAnEmptyValueRoundTrips()
    {
        var values = With(BridgeApplication.TestConnectSessionKey, new ManualClock(Start));
        // 12 nonce + 8 expiry + 3036 value + 16 tag = 3072 bytes: exactly MaxSealedLength characters of base64url.
        var longest = values.Seal("ticket", new string('t', 3036), TimeSpan.FromMinutes(15));

        longest.Should().HaveLength(SealedValues.MaxSealedLength);
        values.Open("ticket", longest).Should().HaveLength(3036);
        values.Open("ticket", values.Seal("ticket", "", TimeSpan.FromMinutes(15))).Should().BeEmpty();
    }

    [Fact]
    public void TextTooShortToHoldANonceAnExpiryAndATagOpensNothing()
    {
        var values = With(BridgeApplication.TestConnectSessionKey, new ManualClock(Start));

        for (var length = 1; length < 36; length++)
        {
            values.Open("ticket", Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(new byte[length]))
                .Should().BeNull($"{length} bytes hold no sealed value");
        }
    }
}
