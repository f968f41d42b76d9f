using TemporalBridge.Testing.Temporal;
using Temporalio.Client;

namespace TemporalBridge.Testing.Scenarios;

/// <summary>The offline kit behind <see cref="ITemporalTestEnvironment"/>.</summary>
public sealed class OfflineTestEnvironment(OfflineTemporalEnvironment environment) : ITemporalTestEnvironment
{
    public string Kind => "offline";
    public OfflineTemporalEnvironment Offline => environment;
    public ITemporalClient Client => environment.Client;
    public string TaskQueue => environment.TaskQueue;

    public Task RunUntilIdleAsync() => environment.RunUntilIdleAsync();

    public Task AdvanceTimeAsync(TimeSpan by) => environment.AdvanceTimeAsync(by);

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        await environment.RunUntilIdleAsync();
        if (!await condition())
        {
            throw new InvalidOperationException($"Offline, once idle, this does not hold: {what}.");
        }
    }

    public ValueTask DisposeAsync() => environment.DisposeAsync();
}
