using Temporalio.Client;
using Temporalio.Client.Interceptors;
using Temporalio.Converters;

namespace TemporalBridge.LoadTest;

/// <summary>
/// Temporal answered in-process, so the load test measures the bridge and not a Temporal server: a signal-with-start
/// is accepted at once, after its arguments went through the bridge's data converter and encrypting codec as the real
/// client would send them. What is left out is the gRPC call itself (one round trip to the Temporal frontend).
/// Any other call falls through to the client's connection, which points nowhere, and fails loudly.
/// </summary>
internal sealed class AcceptingTemporal : IClientInterceptor
{
    private long accepted;

    /// <summary>The bridge's own client, set once its container is built: handles must point at it.</summary>
    public ITemporalClient? Client { get; set; }

    /// <summary>Signal-with-starts accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref accepted);

    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => new Outbound(nextInterceptor, this);

    private sealed class Outbound(ClientOutboundInterceptor next, AcceptingTemporal owner) : ClientOutboundInterceptor(next)
    {
        public override async Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
        {
            var client = owner.Client ?? throw new InvalidOperationException("The bridge's Temporal client is not set yet.");
            var converter = client.Options.DataConverter;
            await EncodeAsync(converter, input.Args);
            await EncodeAsync(converter, input.Options.StartSignalArgs);
            Interlocked.Increment(ref owner.accepted);
            var runId = Guid.NewGuid().ToString();
            return new WorkflowHandle<TWorkflow, TResult>(client, input.Options.Id!, RunId: runId, ResultRunId: runId, FirstExecutionRunId: runId);
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
