using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>Executions and runs: start, signal, close (telling a parent, applying the parent-close policy to
/// children), terminate and cancel — what the server does around the commands.</summary>
public sealed partial class OfflineTemporalEnvironment
{
    private SimulatedWorkflow StartExecution(
        string workflowId, string workflowType, Payloads input, string taskQueue, SearchAttributes? searchAttributes,
        Action<WorkflowExecutionStartedEventAttributes>? describe = null)
    {
        if (!workflowTypes.ContainsKey(workflowType))
        {
            throw new ArgumentException(
                $"Workflow type '{workflowType}' is not registered with the offline environment (registered: {string.Join(", ", workflowTypes.Keys)}).");
        }
        var workflow = new SimulatedWorkflow(workflowId, Payloads) { StartTime = Now };
        if (searchAttributes != null)
        {
            SearchAttributeValues.Apply(workflow, searchAttributes);
        }
        currentById[workflowId] = workflow;
        executions.Add(workflow);
        AddRun(workflow, NextRunId(), workflowType, taskQueue, input, describe);
        return workflow;
    }

    private SimulatedRun AddRun(
        SimulatedWorkflow workflow, string runId, string workflowType, string taskQueue, Payloads input,
        Action<WorkflowExecutionStartedEventAttributes>? describe)
    {
        var run = new SimulatedRun(workflow, runId, workflowType, taskQueue, options.Namespace, () => Now, options.SuggestContinueAsNewAfterEvents);
        var firstRunId = workflow.Runs.Count > 0 ? workflow.Runs[0].RunId : runId;
        var started = new WorkflowExecutionStartedEventAttributes
        {
            WorkflowType = new WorkflowType { Name = workflowType },
            Input = input,
            OriginalExecutionRunId = runId,
            FirstExecutionRunId = firstRunId,
            Identity = "offline-kit",
            SearchAttributes = workflow.searchAttributePayloads.Count > 0 ? SearchAttributeValues.ToProto(workflow) : null,
        };
        describe?.Invoke(started);
        run.History.Started(started);
        workflow.AddRun(run);
        workflow.BillableActions.WorkflowsStarted++;
        return run;
    }

    /// <summary>Random, as a server's are: code that keys anything by run id must not meet another test's runs.</summary>
    private static string NextRunId() => Guid.NewGuid().ToString();

    private static void DeliverSignal(SimulatedWorkflow target, string signalName, Payloads input)
    {
        target.signalsReceived.Add((signalName, input));
        target.BillableActions.Signals++;
        // Written to whichever run is current by then: a run that continues as new meanwhile hands it on.
        target.CurrentRun.DeliverToExecution(run => run.History.Signaled(signalName, input));
    }

    private void Close(SimulatedRun run, WorkflowExecutionStatus status)
    {
        run.Status = status;
        var workflow = run.Workflow;
        workflow.CloseTime = Now;
        DropPendingWork(run);
        ReportCloseToParent(workflow, status);
        ApplyParentClosePolicy(run);
    }

    /// <summary>Open activities and timers of a closed run are abandoned, as a server abandons them.</summary>
    private void DropPendingWork(SimulatedRun run)
    {
        pendingActivities.RemoveAll(a => a.Run == run);
        run.Activities.Clear();
        run.Timers.Clear();
    }

    private static void ReportCloseToParent(SimulatedWorkflow child, WorkflowExecutionStatus status)
    {
        if (child.Parent is not { } link || !link.ParentRun.IsOpen)
        {
            return;
        }
        var parent = link.ParentRun;
        var execution = new WorkflowExecution { WorkflowId = child.WorkflowId, RunId = child.CurrentRun.RunId };
        var initiated = link.Link.InitiatedEventId;
        parent.Children.Remove(link.Link.Seq);
        parent.Deliver(() => parent.History.ChildClosed(
            status, initiated, link.Link.StartedEventId, execution, link.Link.ChildWorkflowType, child.ResultPayload, child.Failure));
    }

    private void ApplyParentClosePolicy(SimulatedRun parentRun)
    {
        var children = executions.Where(w => w.IsOpen && w.Parent?.ParentRun == parentRun).ToList();
        foreach (var child in children)
        {
            switch (child.Parent!.ClosePolicy)
            {
                case ParentClosePolicy.Terminate:
                    Terminate(child, "parent closed");
                    break;
                case ParentClosePolicy.RequestCancel:
                    RequestCancel(child, "parent closed");
                    break;
                default:
                    break; // abandon: the child lives on
            }
        }
    }

    private void Terminate(SimulatedWorkflow workflow, string reason)
    {
        var run = workflow.CurrentRun;
        run.TakeInbox();
        if (run.WorkflowTaskOpen)
        {
            // No worker has taken the task yet: the server ends the history after its WorkflowTaskScheduled.
            run.History.RemoveLastWorkflowTaskStarted();
            run.CloseWorkflowTask();
        }
        run.History.Terminated(reason);
        Close(run, WorkflowExecutionStatus.Terminated);
    }

    private static void RequestCancel(SimulatedWorkflow workflow, string reason)
    {
        workflow.CurrentRun.DeliverToExecution(run => run.History.CancelRequested(reason));
    }
}
