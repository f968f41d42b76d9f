using System.Collections.Concurrent;
using TemporalBridge.Providers;

namespace TemporalBridge.Tests.Providers;

/// <summary>
/// Stands in for the real hand-over to the workflows: records every batch it is given and answers as the test says
/// (by default, everything handed over). <see cref="Gate"/> holds each call until the test opens it.
/// </summary>
internal sealed class RecordingHandOver : IProviderEventHandOver
{
    private readonly TaskCompletionSource called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<IReadOnlyList<ProviderEvent>> Batches { get; } = new();

    public IEnumerable<ProviderEvent> Events => Batches.SelectMany(batch => batch);

    /// <summary>Thrown from every call instead of answering, e.g. Temporal being unreachable.</summary>
    public Exception? Failure { get; init; }

    public TaskCompletionSource? Gate { get; init; }

    /// <summary>Completes when the first call arrives.</summary>
    public Task Called => called.Task;

    public async Task<ProviderHandOverResult> HandOverAsync(IReadOnlyList<ProviderEvent> events, CancellationToken cancellationToken)
    {
        Batches.Enqueue(events);
        called.TrySetResult();
        if (Gate is not null)
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }

        return Failure is null ? new ProviderHandOverResult(events.Count, 0, 0) : throw Failure;
    }
}
