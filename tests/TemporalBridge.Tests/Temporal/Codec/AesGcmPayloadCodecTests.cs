using System.Text;
using Google.Protobuf;
using TemporalBridge.Temporal.Codec;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace TemporalBridge.Tests.Temporal.Codec;

public sealed class AesGcmPayloadCodecTests
{
    private const string MessageBody = "Hi Dana, your appointment is moved to Tuesday 10:00 — reply STOP to cancel";

    public sealed record InboundMessage(string From, string Body, int Attempt, string[] Tags);

    private static readonly IPayloadConverter Converter = DataConverter.Default.PayloadConverter;

    public static TheoryData<string, Payload> PayloadKinds() => new()
    {
        { "string", Converter.ToPayload(MessageBody) },
        { "record", Converter.ToPayload(new InboundMessage("+972501234567", MessageBody, 3, ["whatsapp", "inbound"])) },
        { "number", Converter.ToPayload(42) },
        { "null", Converter.ToPayload(null) },
        { "bytes", Converter.ToPayload(new byte[] { 0, 1, 2, 250, 251, 255 }) },
        { "empty string", Converter.ToPayload("") },
        { "custom metadata", new Payload { Metadata = { ["encoding"] = ByteString.CopyFromUtf8("json/plain"), ["x-kind"] = ByteString.CopyFromUtf8("note") }, Data = ByteString.CopyFromUtf8("{\"token\":\"EAAG-secret\"}") } },
        { "large", Converter.ToPayload(new string('x', 200_000)) },
    };

    [Theory]
    [MemberData(nameof(PayloadKinds))]
    public async Task EncodeThenDecodeGivesBackThePayloadExactly(string kind, Payload payload)
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());

        var encoded = await codec.EncodeAsync([payload]);
        var decoded = await codec.DecodeAsync(encoded);

        decoded.Should().ContainSingle().Which.Should().Be(payload, kind);
    }

    [Fact]
    public async Task SeveralPayloadsKeepTheirOrder()
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());
        Payload[] payloads = [Converter.ToPayload("first"), Converter.ToPayload(2), Converter.ToPayload("third")];

        var decoded = await codec.DecodeAsync(await codec.EncodeAsync(payloads));

        decoded.Should().Equal(payloads);
    }

    [Fact]
    public async Task AnEncryptedPayloadSaysOnlyThatItIsEncryptedAndWithWhichKey()
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());
        var payload = Converter.ToPayload(MessageBody);

        var encrypted = (await codec.EncodeAsync([payload])).Single();

        encrypted.Metadata.Keys.Should().BeEquivalentTo("encoding", "encryption-key-id");
        encrypted.Metadata["encoding"].ToStringUtf8().Should().Be("binary/encrypted");
        encrypted.Metadata["encryption-key-id"].ToStringUtf8().Should().Be("2026-11");
        encrypted.Data.Length.Should().Be(12 + payload.CalculateSize() + 16, "nonce | ciphertext | tag");
    }

    [Fact]
    public async Task EveryEncodingHasItsOwnNonceAndCiphertextWithNoPlaintextInIt()
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());
        var payload = Converter.ToPayload(new InboundMessage("+972501234567", MessageBody, 1, ["whatsapp"]));

        var first = (await codec.EncodeAsync([payload])).Single().Data.ToByteArray();
        var second = (await codec.EncodeAsync([payload])).Single().Data.ToByteArray();

        first.Should().NotEqual(second);
        first[..12].Should().NotEqual(second[..12], "each payload gets a fresh random nonce");
        foreach (var data in new[] { first, second })
        {
            // No 6-byte run of the serialized payload (its metadata included) survives into the stored bytes.
            TestKeys.SharesARun(data, payload.ToByteArray(), window: 6).Should().BeFalse();
            Encoding.UTF8.GetString(data).Should().NotContain("Dana").And.NotContain("json/plain");
        }
    }

    [Theory]
    [InlineData("nonce", 0)]
    [InlineData("ciphertext", 20)]
    [InlineData("tag", -1)]
    public async Task AlteredDataFailsToDecode(string part, int index)
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());
        var encrypted = (await codec.EncodeAsync([Converter.ToPayload(MessageBody)])).Single();
        var data = encrypted.Data.ToByteArray();
        data[index >= 0 ? index : data.Length + index] ^= 0x01;
        var tampered = new Payload(encrypted) { Data = ByteString.CopyFrom(data) };

        var decode = () => codec.DecodeAsync([tampered]);

        (await decode.Should().ThrowAsync<PayloadDecryptionException>(part))
            .WithMessage("*key id '2026-11' failed authentication*");
    }

    [Fact]
    public async Task TruncatedDataFailsToDecode()
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());
        var encrypted = (await codec.EncodeAsync([Converter.ToPayload(MessageBody)])).Single();
        var truncated = new Payload(encrypted) { Data = ByteString.CopyFrom(encrypted.Data.Span[..20]) };

        var decode = () => codec.DecodeAsync([truncated]);

        await decode.Should().ThrowAsync<PayloadDecryptionException>().WithMessage("*20 bytes, shorter than a nonce and a tag*");
    }

    [Fact]
    public async Task AnUnknownKeyIdFailsNamingTheIdAndTheSettingButNoKey()
    {
        var oldKey = TestKeys.NewKey();
        var newKey = TestKeys.NewKey();
        var before = TestKeys.Codec("2026-05", oldKey);
        var after = TestKeys.Codec("2026-11", newKey);
        var encrypted = await before.EncodeAsync([Converter.ToPayload(MessageBody)]);

        var decode = () => after.DecodeAsync(encrypted);

        var error = (await decode.Should().ThrowAsync<PayloadDecryptionException>()).Which;
        error.Message.Should().Contain("key id '2026-05', which is not configured")
            .And.Contain("the active key id is '2026-11'")
            .And.Contain("Temporal__Encryption__PreviousKeys__2026-05")
            .And.NotContain(Convert.ToBase64String(oldKey)).And.NotContain(Convert.ToBase64String(newKey));
    }

    [Fact]
    public async Task AfterARotationOldHistoryDecryptsWithThePreviousKeyAndNewPayloadsUseTheNewOne()
    {
        var oldKey = TestKeys.NewKey();
        var before = TestKeys.Codec("2026-05", oldKey);
        var after = TestKeys.Codec("2026-11", TestKeys.NewKey(), ("2026-05", oldKey));
        var payload = Converter.ToPayload(MessageBody);
        var oldHistory = await before.EncodeAsync([payload]);

        var decoded = await after.DecodeAsync(oldHistory);
        var newHistory = await after.EncodeAsync([payload]);

        decoded.Should().ContainSingle().Which.Should().Be(payload);
        newHistory.Single().Metadata["encryption-key-id"].ToStringUtf8().Should().Be("2026-11");
        var oldCodecOnNewHistory = () => before.DecodeAsync(newHistory);
        await oldCodecOnNewHistory.Should().ThrowAsync<PayloadDecryptionException>("a previous key only decrypts; it never learns new ones");
    }

    [Fact]
    public async Task ADifferentKeyUnderTheSameIdFailsAuthentication()
    {
        var encrypted = await TestKeys.Codec("2026-11", TestKeys.NewKey()).EncodeAsync([Converter.ToPayload(MessageBody)]);

        var decode = () => TestKeys.Codec("2026-11", TestKeys.NewKey()).DecodeAsync(encrypted);

        await decode.Should().ThrowAsync<PayloadDecryptionException>().WithMessage("*failed authentication*");
    }

    [Fact]
    public async Task PayloadsWrittenBeforeEncryptionPassThroughUnchanged()
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());
        Payload[] history = [Converter.ToPayload(MessageBody), Converter.ToPayload(null), new Payload { Data = ByteString.CopyFromUtf8("raw") }];

        var decoded = await codec.DecodeAsync(history);

        decoded.Should().Equal(history);
    }

    [Fact]
    public async Task AnEncryptedPayloadWithoutKeyIdFailsClearly()
    {
        var codec = TestKeys.Codec("2026-11", TestKeys.NewKey());
        var encrypted = (await codec.EncodeAsync([Converter.ToPayload(MessageBody)])).Single();
        encrypted.Metadata.Remove("encryption-key-id");

        var decode = () => codec.DecodeAsync([encrypted]);

        await decode.Should().ThrowAsync<PayloadDecryptionException>().WithMessage("*no 'encryption-key-id' metadata*");
    }

    [Fact]
    public void AKeyOfTheWrongLengthIsRefusedWithoutShowingIt()
    {
        var shortKey = TestKeys.NewKey()[..16];

        var create = () => new AesGcmPayloadCodec("2026-11", new Dictionary<string, byte[]> { ["2026-11"] = shortKey });

        create.Should().Throw<ArgumentException>().WithMessage("Key '2026-11' is 16 bytes; AES-256 needs 32.*")
            .Which.Message.Should().NotContain(Convert.ToBase64String(shortKey));
    }

    [Fact]
    public void TheActiveKeyIdMustHaveAKey()
    {
        var create = () => new AesGcmPayloadCodec("2026-11", new Dictionary<string, byte[]> { ["2026-05"] = TestKeys.NewKey() });

        create.Should().Throw<ArgumentException>().WithMessage("The active key id '2026-11' has no key.*");
    }
}
