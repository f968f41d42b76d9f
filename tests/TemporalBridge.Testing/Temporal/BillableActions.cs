namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// What a workflow execution would be billed in Temporal Cloud actions, counted from what the simulated server
/// did for it: each run started (client start, child start or continue-as-new), signal received (from a client or
/// another workflow; signal-with-start of a new workflow counts its start and its signal), query answered, timer
/// started, activity attempt (every retry is an action) and search-attribute upsert. Replays are never billed.
/// </summary>
public sealed class BillableActions
{
    public int WorkflowsStarted { get; internal set; }
    public int Signals { get; internal set; }
    public int Queries { get; internal set; }
    public int Timers { get; internal set; }
    public int ActivityAttempts { get; internal set; }
    public int SearchAttributeUpserts { get; internal set; }

    public int Total => WorkflowsStarted + Signals + Queries + Timers + ActivityAttempts + SearchAttributeUpserts;

    public override string ToString() =>
        $"{Total} actions (starts {WorkflowsStarted}, signals {Signals}, queries {Queries}, timers {Timers}, " +
        $"activity attempts {ActivityAttempts}, upserts {SearchAttributeUpserts})";
}
