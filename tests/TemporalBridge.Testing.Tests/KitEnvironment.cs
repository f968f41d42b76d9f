using TemporalBridge.Testing.Temporal;
using TemporalBridge.Testing.Tests.Workflows;

namespace TemporalBridge.Testing.Tests;

/// <summary>The offline environment with every self-test workflow and the activities of one test.</summary>
internal static class KitEnvironment
{
    public static OfflineTemporalEnvironment Create(KitActivities activities, Action<OfflineTemporalOptions>? configure = null)
    {
        var options = Workload(activities);
        configure?.Invoke(options);
        return new OfflineTemporalEnvironment(options);
    }

    /// <summary>The self-test workflows and the given activities, as one worker would run them.</summary>
    public static OfflineTemporalOptions Workload(KitActivities activities) =>
        new OfflineTemporalOptions()
            .AddWorkflow<CallActivityWorkflow>()
            .AddWorkflow<ApprovalWorkflow>()
            .AddWorkflow<SleepWorkflow>()
            .AddWorkflow<TrackedWorkflow>()
            .AddWorkflow<CounterWorkflow>()
            .AddWorkflow<ConversationWorkflow>()
            .AddWorkflow<DeliveryChildWorkflow>()
            .AddWorkflow<RelayWorkflow>()
            .AddWorkflow<FailingWorkflow>()
            .AddWorkflow<ChangeOfMindWorkflow>()
            .AddWorkflow<SupervisorWorkflow>()
            .AddWorkflow<LongLivedCounterWorkflow>()
            .AddWorkflow<TwoStepWorkflow>()
            .AddActivities(activities);
}
