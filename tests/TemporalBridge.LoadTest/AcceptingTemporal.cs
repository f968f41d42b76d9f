using Temporalio.Client;
using Temporalio.Client.Interceptors;
using Temporalio.Converters;

namespace TemporalBridge.LoadTest;

/// <summary>
/// Temporal answered in-process, so the load test measures the bridge and not a Temporal server: a signal-with-start
/// or a signal is accepted at once, after its arguments went through the bridge's data converter and encrypting codec
/// as the real client would send them. What is left out is the gRPC call itself (one round trip to the Temporal frontend).
/// Any other call falls through to the client's connection, which points nowhere, and fails loudly.
/// </summary>
internal sealed class AcceptingTemporal : IClientInterceptor
{
    private long starts;
    private long signals;

    /// <summary>The bridge's own client, set once its container is built: handles must point at it.</summary>
    public ITemporalClient? Client { get; set; }

    /// <summary>What was accepted so far.</summary>
    public HandedOver Snapshot() => new(Interlocked.Read(ref starts), Interlocked.Read(ref signals));

    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => new Outbound(nextInterceptor, this);

    private sealed class Outbound(ClientOutboundInterceptor next, AcceptingTemporal owner) : ClientOutboundInterceptor(next)
    {
        public override async Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
        {
            var client = owner.Client ?? throw new InvalidOperationException("The bridge's Temporal client is not set yet.");
            var converter = client.Options.DataConverter;
            await EncodeAsync(converter, input.Args);
            await EncodeAsync(converter, input.Options.StartSignalArgs);
            Interlocked.Increment(ref owner.starts);
            var runId = Guid.NewGuid().ToString();
            return new WorkflowHandle<TWorkflow, TResult>(client, input.Options.Id!, RunId: runId, ResultRunId: runId, FirstExecutionRunId: runId);
        }

        public override async Task SignalWorkflowAsync(SignalWorkflowInput input)
        {
            var client = owner.Client ?? throw new InvalidOperationException("The bridge's Temporal client is not set yet.");
            await EncodeAsync(client.Options.DataConverter, input.Args);
            Interlocked.Increment(ref owner.signals);
        }

        private static async Task EncodeAsync(DataConverter converter, IReadOnlyCollection<object?>? values)
        {
            if (values is null or { Count: 0 })
            {
                return;
            }

            var payloads = values.Select(converter.PayloadConverter.ToPayload).ToList();
            if (converter.PayloadCodec is { } codec)
            {
                await codec.EncodeAsync(payloads);
            }
        }
    }
}

/// <summary>Signal-with-starts and signals accepted.</summary>
internal readonly record struct HandedOver(long Starts, long Signals)
{
    public static HandedOver operator -(HandedOver after, HandedOver before) => new(after.Starts - before.Starts, after.Signals - before.Signals);
}
