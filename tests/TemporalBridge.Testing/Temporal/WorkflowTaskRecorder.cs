using System.Reflection;
using Google.Protobuf;
using Temporalio.Worker;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Sees what workflow code does during a replay: every command of every workflow task, in order, and the answers
/// to queries asked through a hidden probe signal.
/// </summary>
/// <remarks>
/// Commands are read from the activation completion the SDK builds for the core (a private field of its internal
/// <c>WorkflowInstance</c>): interceptors have no hook for upserts, and that completion holds every command with
/// its kind and sequence number. It depends on SDK internals, so the Temporalio version is pinned and
/// <see cref="EnsureSdkInternalsAreReadable"/> fails loudly if the field moves.
/// </remarks>
internal sealed class WorkflowTaskRecorder : IWorkerInterceptor
{
    /// <summary>Hidden signal that runs a query handler inside the workflow's own context on a throw-away replay.</summary>
    public const string QueryProbeSignal = "__offline_kit_query";

    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>The completion of every activation of the replay, in order. They are read only once the replay has
    /// returned: the SDK encodes a completion's payloads (payload codec) in place on its way to the core, which may
    /// still be under way when the task-completed event fires.</summary>
    private readonly List<IMessage> completions = [];

    public List<RecordedCommand> Commands { get; } = [];

    /// <summary>The SDK's own logic flags the last task used (<c>used_internal_flags</c>), which a worker reports
    /// with the task and a server keeps in its WorkflowTaskCompleted event. Replays read them back: without flag 2,
    /// the .NET SDK replays with its legacy event loop, which runs the workflow between two signals of one task.</summary>
    public List<uint> LangFlags { get; } = [];

    /// <summary>Set when a workflow task failed instead of completing (an exception that is not a Temporal failure,
    /// or nondeterminism). A server would retry such a task forever; the kit reports it.</summary>
    public string? TaskFailure { get; private set; }

    /// <summary>The query the next probe replay answers, and what it answered.</summary>
    public PendingQuery? Query { get; set; }

    public void Reset()
    {
        Commands.Clear();
        LangFlags.Clear();
        TaskFailure = null;
        completions.Clear();
    }

    /// <summary>Reads the commands of the replay that just returned.</summary>
    public void CollectCommands()
    {
        foreach (var completion in completions)
        {
            Record(completion);
        }
        // Flags are reported by the task that first used them: the one just executed is the last completion.
        if (completions.Count > 0 && ProtoFields.Get(completions[^1], "successful") is IMessage last)
        {
            LangFlags.AddRange(((System.Collections.Generic.IEnumerable<uint>)ProtoFields.Get(last, "used_internal_flags")!));
        }
    }

    public void Attach(WorkflowReplayerOptions options)
    {
        options.Interceptors = [.. options.Interceptors ?? [], this];
        // The SDK clears its field before the task-completed event: keep the reference from when the task started.
        options.WorkflowTaskStarting += (_, e) =>
        {
            if (ReadCompletion(e) is { } completion)
            {
                completions.Add(completion);
            }
        };
        options.WorkflowTaskCompleted += (_, e) =>
        {
            if (e.TaskFailureException is { } taskFailure)
            {
                TaskFailure = taskFailure.ToString();
            }
        };
    }

    public static void EnsureSdkInternalsAreReadable()
    {
        var instanceType = typeof(WorkflowReplayer).Assembly.GetType("Temporalio.Worker.WorkflowInstance")
            ?? throw new InvalidOperationException("Temporalio.Worker.WorkflowInstance is gone: update the offline kit for this SDK version.");
        _ = instanceType.GetField("completion", AnyInstance)
            ?? throw new InvalidOperationException("WorkflowInstance.completion is gone: update the offline kit for this SDK version.");
    }

    private static IMessage? ReadCompletion(object eventArgs)
    {
        for (var type = eventArgs.GetType(); type != null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(AnyInstance | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.Name == "WorkflowInstance" && field.GetValue(eventArgs) is { } instance)
                {
                    var completion = instance.GetType().GetField("completion", AnyInstance)
                        ?? throw new InvalidOperationException("WorkflowInstance.completion is gone: update the offline kit.");
                    return (IMessage?)completion.GetValue(instance);
                }
            }
        }
        throw new InvalidOperationException("The SDK's task event no longer carries its WorkflowInstance: update the offline kit.");
    }

    private void Record(IMessage completion)
    {
        if (ProtoFields.Get(completion, "successful") is not IMessage successful)
        {
            TaskFailure ??= ProtoFields.Get(completion, "failed")?.ToString() ?? "workflow task failed";
            return;
        }
        foreach (IMessage command in (System.Collections.IList)ProtoFields.Get(successful, "commands")!)
        {
            var variant = command.Descriptor.Oneofs[0].Accessor.GetCaseFieldDescriptor(command)
                ?? throw new InvalidOperationException("A workflow command without a variant: update the offline kit.");
            Commands.Add(new RecordedCommand(variant.Name, (IMessage)variant.Accessor.GetValue(command)));
        }
    }

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) =>
        new QueryProbeInbound(nextInterceptor, this);

    private sealed class QueryProbeInbound(WorkflowInboundInterceptor next, WorkflowTaskRecorder recorder)
        : WorkflowInboundInterceptor(next)
    {
        public override Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
        {
            Workflow.Signals[QueryProbeSignal] = WorkflowSignalDefinition.CreateWithoutAttribute(QueryProbeSignal, () =>
            {
                if (recorder.Query is { } query)
                {
                    query.Answer(() => Workflow.Queries.TryGetValue(query.Name, out var definition)
                        ? HandleQuery(new HandleQueryInput("offline-query", query.Name, definition, query.ArgsFor(definition), null))
                        : throw new KeyNotFoundException($"The workflow has no query named '{query.Name}'."));
                }
                return Task.CompletedTask;
            });
            return base.ExecuteWorkflowAsync(input);
        }
    }
}

/// <summary>A query waiting to be answered by a probe replay.</summary>
internal sealed class PendingQuery(string name, IReadOnlyCollection<object?> args)
{
    public string Name => name;
    public object? Result { get; private set; }
    public Exception? Error { get; private set; }
    public bool Answered { get; private set; }

    /// <summary>Client and workflow share this process, so arguments reach the handler as the client gave them.</summary>
    public object?[] ArgsFor(WorkflowQueryDefinition definition) => [.. args];

    public void Answer(Func<object?> handler)
    {
        try
        {
            Result = handler();
        }
        catch (Exception e)
        {
            Error = e;
        }
        Answered = true;
    }
}
