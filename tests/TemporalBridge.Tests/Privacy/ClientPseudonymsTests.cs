using System.Security.Cryptography;
using System.Text;
using TemporalBridge.Privacy;

namespace TemporalBridge.Tests.Privacy;

public sealed class ClientPseudonymsTests
{
    [Fact]
    public void APseudonymIsTheKeyedHashOfTheIdAndNotItsPlainHash()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(TestPseudonymKey.Base64), Encoding.UTF8.GetBytes("15551230001")))[..32];

        ClientPseudonyms.Of("15551230001").Should().Be(expected);
        ClientPseudonyms.Of("15551230001").Should().NotBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("15551230001")))[..32],
            "a plain hash of a phone number is found again by trying every number");
    }

    [Fact]
    public void TheKeyCannotChangeOnceSetButTheSameKeyIsFine()
    {
        ClientPseudonyms.UseKey(Convert.FromBase64String(TestPseudonymKey.Base64));

        var another = () => ClientPseudonyms.UseKey(new byte[32]);

        another.Should().Throw<InvalidOperationException>().WithMessage("*cannot change*");
        ((Action)(() => ClientPseudonyms.UseKey(new byte[16]))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    [InlineData("MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MA==")] // 31 bytes
    public void AKeyThatIsNotBase64OfAtLeast32BytesIsRefusedAtStart(string key)
    {
        var problems = Problems(new PrivacyOptions { ClientIdKey = key });

        problems.Should().ContainSingle().Which.Should().Contain("Privacy:ClientIdKey").And.Contain("openssl rand -base64 32").And.NotContain(key);
    }

    [Fact]
    public void AMissingKeyIsRefusedAndA32ByteKeyIsTaken()
    {
        Problems(new PrivacyOptions()).Should().ContainSingle().Which.Should().Contain("Privacy__ClientIdKey").And.Contain("required");
        Problems(new PrivacyOptions { ClientIdKey = Convert.ToBase64String(new byte[32]) }).Should().BeEmpty();
    }

    private static List<string?> Problems(PrivacyOptions options)
    {
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true);
        return [.. problems.Select(p => p.ErrorMessage)];
    }
}
