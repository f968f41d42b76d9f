using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Converters;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Converts values to and from history payloads exactly as a worker and a client with the same data converter
/// would: the payload converter, then the payload codec (e.g. encryption) when one is configured. Payloads in the
/// commands the SDK issues arrive already encoded; this is for what the kit writes itself (client inputs, signals,
/// activity results and failures) and for what it reads (activity inputs, workflow results).
/// </summary>
internal sealed class KitPayloads(DataConverter dataConverter)
{
    public IPayloadConverter Converter => dataConverter.PayloadConverter;

    public async Task<Payloads> EncodeAsync(IEnumerable<object?> values)
    {
        var payloads = values.Select(Converter.ToPayload).ToList();
        var encoded = dataConverter.PayloadCodec is { } codec ? await codec.EncodeAsync(payloads) : payloads;
        return new Payloads { Payloads_ = { encoded } };
    }

    public async Task<object?[]> DecodeAsync(Payloads payloads, IReadOnlyCollection<Type> types)
    {
        IReadOnlyCollection<Payload> decoded = payloads.Payloads_;
        if (dataConverter.PayloadCodec is { } codec)
        {
            decoded = await codec.DecodeAsync(decoded);
        }
        return decoded.Zip(types, Converter.ToValue).ToArray();
    }

    public async Task<T?> DecodeAsync<T>(Payload payload) =>
        (T?)(await DecodeAsync(new Payloads { Payloads_ = { payload } }, [typeof(T)]))[0];

    /// <summary>An exception as a worker reports it: through the failure converter, its details through the codec.</summary>
    public async Task<Failure> FailureAsync(Exception exception)
    {
        var failure = dataConverter.FailureConverter.ToFailure(exception, Converter);
        if (dataConverter.PayloadCodec is { } codec)
        {
            await codec.EncodeFailureAsync(failure); // encodes the failure's payloads in place
        }
        return failure;
    }
}
