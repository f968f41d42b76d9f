using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Temporalio.Activities;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Converters;
using Temporalio.Testing;

namespace TemporalBridge.Testing.Temporal;

/// <summary>The result of one activity attempt.</summary>
internal abstract record AttemptOutcome
{
    public sealed record Completed(Payloads? Result) : AttemptOutcome;

    public sealed record Failed(Failure Failure) : AttemptOutcome;

    public sealed record TimedOut(Failure Failure) : AttemptOutcome;
}

/// <summary>
/// Runs one attempt of an activity in-process with its real implementation (the same <see cref="ActivityDefinition"/>
/// a worker would run, so dependency-injected activities get a fresh scope per attempt as in production), inside an
/// activity context that reports the attempt number. Errors become failures through the data converter, as a worker
/// would send them.
/// </summary>
internal sealed class ActivityExecutor(
    IReadOnlyDictionary<string, ActivityDefinition> activities,
    DataConverter dataConverter,
    KitPayloads payloads,
    double timeoutScale,
    ILoggerFactory? loggerFactory)
{
    public async Task<AttemptOutcome> RunAttemptAsync(ScheduledActivity activity, DateTime now)
    {
        var run = activity.Run;
        if (!activities.TryGetValue(activity.ActivityType, out var definition))
        {
            // What a worker answers for an activity type it does not have.
            return new AttemptOutcome.Failed(new Failure
            {
                Message = $"Activity function {activity.ActivityType} is not registered on this worker",
                ApplicationFailureInfo = new() { Type = "NotFoundError" },
            });
        }
        object?[] args;
        try
        {
            args = await payloads.DecodeAsync(activity.Input, definition.ParameterTypes);
        }
        catch (Exception e)
        {
            return new AttemptOutcome.Failed(await payloads.FailureAsync(e));
        }

        var environment = new ActivityEnvironment
        {
            Info = ActivityEnvironment.DefaultInfo with
            {
                ActivityId = activity.ActivityId,
                ActivityType = activity.ActivityType,
                Attempt = activity.Attempt,
                WorkflowId = run.WorkflowId,
                WorkflowRunId = run.RunId,
                WorkflowType = run.WorkflowType,
                WorkflowNamespace = run.Namespace,
                TaskQueue = run.TaskQueue,
                StartToCloseTimeout = activity.StartToCloseTimeout,
                ScheduleToCloseTimeout = activity.ScheduleToCloseTimeout,
                ScheduledTime = activity.FirstScheduledAt,
                CurrentAttemptScheduledTime = activity.DueAt,
                StartedTime = now,
                DataConverter = dataConverter,
            },
            PayloadConverter = payloads.Converter,
            Logger = loggerFactory?.CreateLogger(activity.ActivityType) ?? NullLogger.Instance,
        };

        var attempt = environment.RunAsync(() => definition.InvokeAsync(args));
        var limit = TimeSpan.FromMilliseconds(activity.StartToCloseTimeout.TotalMilliseconds * timeoutScale);
        var finished = await Task.WhenAny(attempt, Task.Delay(limit));
        if (finished != attempt)
        {
            // Like a real worker, the attempt is told to stop; whatever it does next no longer counts.
            environment.Cancel(ActivityCancelReason.Timeout);
            _ = attempt.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            return new AttemptOutcome.TimedOut(new Failure
            {
                Message = "activity StartToClose timeout",
                TimeoutFailureInfo = new() { TimeoutType = TimeoutType.StartToClose },
            });
        }
        try
        {
            var result = await attempt;
            var returnsValue = definition.ReturnType != typeof(void) && definition.ReturnType != typeof(Task);
            return new AttemptOutcome.Completed(returnsValue ? await payloads.EncodeAsync([result]) : null);
        }
        catch (Exception e)
        {
            return new AttemptOutcome.Failed(await payloads.FailureAsync(e));
        }
    }
}
