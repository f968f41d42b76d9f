using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// A workflow execution on the simulated server, across its runs (continue-as-new starts a new run under the same
/// id): what a test inspects — status, result, search attributes, signals received, activity attempts, billable actions.
/// </summary>
public sealed class SimulatedWorkflow
{
    private readonly List<SimulatedRun> runs = [];
    private readonly KitPayloads payloads;

    internal SimulatedWorkflow(string workflowId, KitPayloads payloads)
    {
        WorkflowId = workflowId;
        this.payloads = payloads;
    }

    public string WorkflowId { get; }
    public IReadOnlyList<SimulatedRun> Runs => runs;
    public SimulatedRun CurrentRun => runs[^1];
    public string WorkflowType => CurrentRun.WorkflowType;
    public WorkflowExecutionStatus Status => CurrentRun.Status;
    public bool IsOpen => CurrentRun.IsOpen;
    public DateTime StartTime { get; internal set; }
    public DateTime? CloseTime { get; internal set; }
    public IReadOnlyList<HistoryEvent> History => CurrentRun.Events;

    /// <summary>Search attributes as the visibility store would index them (name → string, long, double, bool,
    /// DateTime or string[]).</summary>
    public IReadOnlyDictionary<string, object> SearchAttributes => searchAttributes;
    internal Dictionary<string, object> searchAttributes = [];
    internal Dictionary<string, Payload> searchAttributePayloads = [];

    public BillableActions BillableActions { get; } = new();

    /// <summary>Every signal this execution received, in order, with its name and raw input.</summary>
    public IReadOnlyList<(string Name, Payloads Input)> SignalsReceived => signalsReceived;
    internal List<(string Name, Payloads Input)> signalsReceived = [];

    /// <summary>Attempts per activity type, retries included.</summary>
    public IReadOnlyDictionary<string, int> ActivityAttempts => activityAttempts;
    internal Dictionary<string, int> activityAttempts = [];

    public Payload? ResultPayload { get; internal set; }
    public Failure? Failure { get; internal set; }

    internal SimulatedParentLink? Parent { get; set; }

    /// <summary>The workflow's result, decoded as its client would decode it.</summary>
    public async Task<T?> ResultAsync<T>() => ResultPayload == null ? default : await payloads.DecodeAsync<T>(ResultPayload);

    public T? SearchAttribute<T>(string name) => searchAttributes.TryGetValue(name, out var value) ? (T)value : default;

    internal void AddRun(SimulatedRun run) => runs.Add(run);

    public override string ToString() => $"{WorkflowId} ({WorkflowType}, {Status})";
}

/// <summary>The parent run that started a child, and what the child's close is reported against.</summary>
internal sealed record SimulatedParentLink(SimulatedRun ParentRun, SimulatedChildLink Link, ParentClosePolicy ClosePolicy);
