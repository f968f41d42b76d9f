using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TemporalBridge.Businesses;
using TemporalBridge.Temporal;
using TemporalBridge.Temporal.Codec;
using TemporalBridge.Testing.Temporal;

namespace TemporalBridge.Tests.Businesses;

/// <summary>
/// The business workflow on the offline kit, with the bridge's own encrypting data converter, and the token
/// store that production code uses, reading through the kit's client on a clock the test moves.
/// </summary>
internal sealed class BusinessKit : IAsyncDisposable
{
    public const string TaskQueue = "temporal-bridge";

    public BusinessKit(int suggestContinueAsNewAfterEvents = 4_000)
    {
        var codec = new AesGcmPayloadCodec("test", new Dictionary<string, byte[]> { ["test"] = RandomNumberGenerator.GetBytes(32) });
        Temporal = new OfflineTemporalEnvironment(new OfflineTemporalOptions
        {
            TaskQueue = TaskQueue,
            DataConverter = CodecExtensions.CreateDataConverter(codec),
            SuggestContinueAsNewAfterEvents = suggestContinueAsNewAfterEvents,
        }.AddWorkflow<BusinessWorkflow>());
        Tokens = new BusinessTokens(Temporal.Client, Options.Create(new TemporalOptions { TaskQueue = TaskQueue }), Clock, NullLogger<BusinessTokens>.Instance);
    }

    public OfflineTemporalEnvironment Temporal { get; }

    public ManualTime Clock { get; } = new();

    public BusinessTokens Tokens { get; }

    public SimulatedWorkflow Workflow(string businessUid) => Temporal.Workflow(WorkflowIds.Business(businessUid));

    public ValueTask DisposeAsync() => Temporal.DisposeAsync();
}

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset now = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
