using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Workflow.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using WorkflowExecution = Temporalio.Api.Common.V1.WorkflowExecution;

namespace TemporalBridge.Testing.Temporal;

/// <summary>What the server answers to client calls: the same rules as the real frontend, including the
/// workflow-id conflict and reuse policies.</summary>
public sealed partial class OfflineTemporalEnvironment
{
    internal string StartFromClient(
        string workflowType, WorkflowOptions startOptions, Payloads input, string? startSignal, Payloads? signalInput)
    {
        var id = startOptions.Id ?? throw new ArgumentException("A workflow id is required.");
        if (currentById.TryGetValue(id, out var existing) && existing.IsOpen)
        {
            if (startSignal != null)
            {
                DeliverSignal(existing, startSignal, signalInput ?? new Payloads());
                return existing.CurrentRun.RunId;
            }
            switch (startOptions.IdConflictPolicy)
            {
                case WorkflowIdConflictPolicy.UseExisting:
                    return existing.CurrentRun.RunId;
                case WorkflowIdConflictPolicy.TerminateExisting:
                    Terminate(existing, "terminated by a new start (id conflict policy)");
                    break;
                default:
                    throw new WorkflowAlreadyStartedException("Workflow execution is already running", id, existing.WorkflowType, existing.CurrentRun.RunId);
            }
        }
        else if (existing != null)
        {
            var reuse = startOptions.IdReusePolicy;
            if (reuse == WorkflowIdReusePolicy.RejectDuplicate ||
                (reuse == WorkflowIdReusePolicy.AllowDuplicateFailedOnly && existing.Status == WorkflowExecutionStatus.Completed))
            {
                throw new WorkflowAlreadyStartedException("Workflow execution already finished and the id reuse policy rejects a new one", id, existing.WorkflowType, existing.CurrentRun.RunId);
            }
        }
        var taskQueue = startOptions.TaskQueue ?? throw new ArgumentException("A task queue is required.");
        var workflow = StartExecution(id, workflowType, input, taskQueue, SearchAttributesOf(startOptions.TypedSearchAttributes));
        if (startSignal != null)
        {
            DeliverSignal(workflow, startSignal, signalInput ?? new Payloads());
        }
        return workflow.CurrentRun.RunId;
    }

    internal void SignalFromClient(string workflowId, string? runId, string signalName, Payloads input)
    {
        var workflow = OpenExecution(workflowId, runId);
        DeliverSignal(workflow, signalName, input);
    }

    internal async Task<object?> QueryFromClientAsync(string workflowId, string? runId, string queryName, IReadOnlyCollection<object?> args, System.Type resultType)
    {
        var workflow = OpenExecution(workflowId, runId, "query (querying a closed workflow is not supported offline)");
        workflow.BillableActions.Queries++;
        if (workflow.CurrentRun.HasPendingEvents)
        {
            // Events the server accepted are in history before a query is answered.
            workflow.CurrentRun.WritePendingEvents();
        }
        var converter = options.DataConverter.PayloadConverter;
        var query = await engine.QueryAsync(workflow.CurrentRun, new PendingQuery(queryName, args), Now);
        if (query.Error != null)
        {
            throw new WorkflowQueryFailedException(query.Error.Message);
        }
        return converter.ToValue(converter.ToPayload(query.Result), resultType);
    }

    internal void CancelFromClient(string workflowId, string? runId) =>
        RequestCancel(OpenExecution(workflowId, runId), "cancelled by a client");

    internal void TerminateFromClient(string workflowId, string? runId, string? reason) =>
        Terminate(OpenExecution(workflowId, runId), reason ?? "terminated by a client");

    /// <summary>The close event of a run, or null while it is open. Continue-as-new closes a run too: the SDK
    /// follows it to the next run.</summary>
    internal HistoryEvent? CloseEvent(string workflowId, string? runId)
    {
        var run = FindRun(workflowId, runId);
        return run.IsOpen ? null : run.Events[^1];
    }

    internal WorkflowExecutionInfo Describe(string workflowId, string? runId)
    {
        var run = FindRun(workflowId, runId);
        return Info(run.Workflow, run);
    }

    internal List<WorkflowExecutionInfo> List(string? query) =>
        executions.Where(w => VisibilityQuery.Matches(w, query)).Select(w => Info(w, w.CurrentRun)).ToList();

    private WorkflowExecutionInfo Info(SimulatedWorkflow workflow, SimulatedRun run) => new()
    {
        Execution = new WorkflowExecution { WorkflowId = workflow.WorkflowId, RunId = run.RunId },
        Type = new WorkflowType { Name = run.WorkflowType },
        Status = run.Status,
        TaskQueue = run.TaskQueue,
        StartTime = Timestamp.FromDateTime(workflow.StartTime),
        ExecutionTime = Timestamp.FromDateTime(workflow.StartTime),
        CloseTime = workflow.CloseTime is { } closed && !run.IsOpen ? Timestamp.FromDateTime(closed) : null,
        HistoryLength = run.Events.Count,
        SearchAttributes = SearchAttributeValues.ToProto(workflow),
    };

    private SimulatedRun FindRun(string workflowId, string? runId)
    {
        var runs = executions.Where(w => w.WorkflowId == workflowId).SelectMany(w => w.Runs).ToList();
        var run = string.IsNullOrEmpty(runId) ? runs.LastOrDefault() : runs.FirstOrDefault(r => r.RunId == runId);
        return run ?? throw NotFound(workflowId);
    }

    private SimulatedWorkflow OpenExecution(string workflowId, string? runId, string doing = "signal")
    {
        if (!currentById.TryGetValue(workflowId, out var workflow) || !workflow.IsOpen ||
            (!string.IsNullOrEmpty(runId) && workflow.Runs.All(r => r.RunId != runId)))
        {
            throw NotFound(workflowId, doing);
        }
        return workflow;
    }

    /// <summary>What the frontend answers for an unknown or closed execution.</summary>
    private static RpcException NotFound(string workflowId, string doing = "find") =>
        new(RpcException.StatusCode.NotFound, $"workflow execution '{workflowId}' not found or already completed (cannot {doing})", null);

    private SearchAttributes? SearchAttributesOf(SearchAttributeCollection? collection)
    {
        if (collection is not { Count: > 0 })
        {
            return null;
        }
        var converter = options.DataConverter.PayloadConverter;
        var proto = new SearchAttributes();
        foreach (var (key, value) in collection.UntypedValues)
        {
            var payload = converter.ToPayload(value);
            // The visibility store reads the attribute's type from this metadata, as the SDK writes it.
            payload.Metadata["type"] = Google.Protobuf.ByteString.CopyFromUtf8(key.ValueType.ToString());
            proto.IndexedFields[key.Name] = payload;
        }
        return proto;
    }
}
