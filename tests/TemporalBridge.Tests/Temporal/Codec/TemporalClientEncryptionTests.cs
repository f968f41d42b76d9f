using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Temporal.Codec;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Exceptions;

namespace TemporalBridge.Tests.Temporal.Codec;

/// <summary>The bridge's own ITemporalClient, built by DI — the one the API and the worker use — encrypts.</summary>
public sealed class TemporalClientEncryptionTests
{
    [Fact]
    public async Task TheBridgesTemporalClientEncryptsEveryPayloadWithTheConfiguredKey()
    {
        await using var bridge = new BridgeApplication();
        var client = bridge.Services.GetRequiredService<ITemporalClient>();
        var converter = client.Options.DataConverter;

        var payload = await converter.ToPayloadAsync("token EAAG-very-secret");

        converter.PayloadCodec.Should().BeOfType<AesGcmPayloadCodec>().Which.ActiveKeyId.Should().Be(BridgeApplication.TestEncryptionKeyId);
        converter.PayloadCodec.Should().BeSameAs(bridge.Services.GetRequiredService<AesGcmPayloadCodec>(), "the codec endpoint and the client share one codec");
        payload.Metadata["encoding"].ToStringUtf8().Should().Be("binary/encrypted");
        Encoding.UTF8.GetString(payload.Data.ToByteArray()).Should().NotContain("EAAG");
        (await converter.ToValueAsync<string>(payload)).Should().Be("token EAAG-very-secret");
    }

    [Fact]
    public async Task FailureMessagesAndStackTracesAreEncryptedToo()
    {
        await using var bridge = new BridgeApplication();
        var converter = bridge.Services.GetRequiredService<ITemporalClient>().Options.DataConverter;

        var failure = converter.FailureConverter.ToFailure(
            new ApplicationFailureException("VCS refused message 'Hi Dana'", errorType: "VcsRejected"), converter.PayloadConverter);
        await converter.PayloadCodec!.EncodeFailureAsync(failure);

        failure.Message.Should().NotContain("Dana");
        failure.ApplicationFailureInfo.Type.Should().Be("VcsRejected", "error types stay readable for retry rules and search");
        failure.EncodedAttributes.Metadata["encoding"].ToStringUtf8().Should().Be("binary/encrypted");
        await converter.PayloadCodec!.DecodeFailureAsync(failure);
        converter.FailureConverter.ToException(failure, converter.PayloadConverter).Message.Should().Be("VCS refused message 'Hi Dana'");
    }
}
