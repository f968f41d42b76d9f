using TemporalBridge.Testing.Temporal;
using Xunit;

namespace TemporalBridge.Testing.Scenarios;

/// <summary>Builds a scenario's environment by kind, for theories that run each scenario offline and on a server.</summary>
public static class TemporalTestEnvironments
{
    public static TheoryData<string> Kinds => new() { "offline", "server" };

    public static async Task<ITemporalTestEnvironment> StartAsync(string kind, OfflineTemporalOptions workload) => kind switch
    {
        "offline" => new OfflineTestEnvironment(new OfflineTemporalEnvironment(workload)),
        "server" => await ServerTestEnvironment.StartAsync(workload),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected 'offline' or 'server'."),
    };
}
