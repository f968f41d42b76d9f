using TemporalBridge.Testing.Temporal;
using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Client;

namespace TemporalBridge.Testing.Tests;

public sealed class VisibilityAndRetryRuleTests
{
    [Theory]
    [InlineData("BridgeDeliveryState = 'retrying'", true)]
    [InlineData("BridgeDeliveryState != 'retrying'", false)]
    [InlineData("BridgeDeliveryAttempts > 2 AND BridgeDeliveryAttempts <= 3", true)]
    [InlineData("BridgeDeliveryAttempts > 3 OR WorkflowType = 'TrackedWorkflow'", true)]
    [InlineData("NOT (ExecutionStatus = 'Running')", false)]
    [InlineData("BridgeDeliveryState IN ('failed', 'retrying')", true)]
    [InlineData("BridgeDeliveryState NOT IN ('failed', 'retrying')", false)]
    [InlineData("WorkflowId STARTS_WITH 'delivery:'", true)]
    [InlineData("BridgeLastErrorCode IS NULL", true)]
    [InlineData("BridgeLastErrorCode IS NOT NULL", false)]
    [InlineData("", true)]
    public async Task ListQueriesSelectWorkflowsAsTemporalWould(string query, bool matches)
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((TrackedWorkflow wf) => wf.RunAsync(), new WorkflowOptions("delivery:1", "offline-tests"));
        await env.RunUntilIdleAsync();

        VisibilityQuery.Matches(env.Workflow("delivery:1"), query).Should().Be(matches);
        await env.Client.GetWorkflowHandle("delivery:1").TerminateAsync();
    }

    [Theory]
    [InlineData("BridgeDeliveryState = ")]
    [InlineData("(BridgeDeliveryState = 'x'")]
    [InlineData("BridgeDeliveryState ~ 'x'")]
    public async Task MalformedListQueryIsAnError(string query)
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((TrackedWorkflow wf) => wf.RunAsync(), new WorkflowOptions("delivery:1", "offline-tests"));

        var match = () => VisibilityQuery.Matches(env.Workflow("delivery:1"), query);

        match.Should().Throw<ArgumentException>();
        await env.Client.GetWorkflowHandle("delivery:1").TerminateAsync();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(8, 100)]
    public void DefaultBackoffDoublesFromOneSecondUpToAHundredTimesTheInitialInterval(int attemptThatFailed, int expectedSeconds) =>
        RetrySchedule.Backoff(null, attemptThatFailed).Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void ErrorTypesListedAsNonRetryableEndTheActivity()
    {
        var policy = new RetryPolicy { NonRetryableErrorTypes = { "Undeliverable" } };
        var activity = Activity(policy);

        var decision = RetrySchedule.After(activity, new Failure { ApplicationFailureInfo = new() { Type = "Undeliverable" } }, DateTime.UtcNow);

        decision.Retry.Should().BeFalse();
        decision.StateIfFinal.Should().Be(Temporalio.Api.Enums.V1.RetryState.NonRetryableFailure);
    }

    [Fact]
    public void NextRetryDelayFromTheFailureOverridesTheBackoff()
    {
        var failure = new Failure { ApplicationFailureInfo = new() { Type = "Throttled", NextRetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(7)) } };

        var decision = RetrySchedule.After(Activity(null), failure, DateTime.UtcNow);

        decision.Should().Be(new RetrySchedule.Decision(true, TimeSpan.FromMinutes(7), Temporalio.Api.Enums.V1.RetryState.InProgress));
    }

    [Fact]
    public void ScheduleToCloseBudgetEndsRetriesThatWouldOutliveIt()
    {
        var now = DateTime.UtcNow;
        var activity = Activity(null, scheduleToClose: TimeSpan.FromSeconds(10), firstScheduledAt: now.AddSeconds(-9.5));

        var decision = RetrySchedule.After(activity, new Failure { ApplicationFailureInfo = new() { Type = "X" } }, now);

        decision.Retry.Should().BeFalse();
        decision.StateIfFinal.Should().Be(Temporalio.Api.Enums.V1.RetryState.Timeout);
    }

    private static ScheduledActivity Activity(RetryPolicy? policy, TimeSpan? scheduleToClose = null, DateTime? firstScheduledAt = null) => new()
    {
        Run = null!,
        Seq = 1,
        ScheduledEventId = 5,
        ActivityId = "1",
        ActivityType = "Send",
        Input = new Payloads(),
        StartToCloseTimeout = TimeSpan.FromSeconds(10),
        ScheduleToCloseTimeout = scheduleToClose,
        RetryPolicy = policy,
        FirstScheduledAt = firstScheduledAt ?? DateTime.UtcNow,
    };
}
