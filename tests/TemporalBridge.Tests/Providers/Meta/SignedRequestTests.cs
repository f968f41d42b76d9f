using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using TemporalBridge.Providers.Meta.AppRemoval;

namespace TemporalBridge.Tests.Providers.Meta;

/// <summary>Meta's signed_request, checked alone: what the deauthorize and data-deletion callbacks trust.</summary>
public sealed class SignedRequestTests
{
    private const string Secret = "test-messenger-app-secret";

    /// <summary>Signature over the payload exactly as encoded, as Meta's sample code computes it.</summary>
    private static string Signed(string encodedPayload, string secret) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(encodedPayload))) + "." + encodedPayload;

    private static string Encoded(string json) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ASignedPayloadGivesItsUserAndWhenItWasIssued() =>
        SignedRequest.Verify(Signed(Encoded("""{"algorithm":"HMAC-SHA256","issued_at":1764925200,"user_id":"218471"}"""), Secret), Secret)
            .Should().Be(new SignedRequestPayload("218471", 1764925200));

    [Fact]
    public void NoSecretConfiguredTrustsNothingEvenWhatIsSignedWithTheEmptyKey() =>
        SignedRequest.Verify(Signed(Encoded("""{"algorithm":"HMAC-SHA256","user_id":"218471"}"""), ""), "").Should().BeNull();

    [Fact]
    public void AValueIsReadOnlyUpToTheLengthLimit()
    {
        SignedRequest.Verify(SignedOfLength(SignedRequest.MaxLength), Secret).Should().NotBeNull();
        // One more character is no base64 length: two more is the next value that exists.
        SignedRequest.Verify(SignedOfLength(SignedRequest.MaxLength + 2), Secret).Should().BeNull();
    }

    /// <summary>An honestly signed value of exactly <paramref name="length"/> characters, padded inside its JSON.</summary>
    private static string SignedOfLength(int length)
    {
        for (var padding = 0; padding < length; padding++)
        {
            var value = Signed(Encoded($$"""{"algorithm":"HMAC-SHA256","user_id":"218471","pad":"{{new string('x', padding)}}"}"""), Secret);
            if (value.Length >= length)
            {
                value.Length.Should().Be(length);
                return value;
            }
        }
        throw new InvalidOperationException("unreachable: the value grows with its padding");
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("bm90IGpzb24")] // "not json"
    [InlineData("WyJhbiBhcnJheSJd")] // ["an array"]
    public void ASignedPayloadThatIsNoJsonObjectIsRefusedNotThrown(string encodedPayload) =>
        SignedRequest.Verify(Signed(encodedPayload, Secret), Secret).Should().BeNull();
}
