using Temporalio.Client;
using Temporalio.Testing;

namespace TemporalBridge.Testing.Scenarios;

/// <summary>
/// The one real Temporal server a test run uses, found once: <c>TEMPORAL_TEST_ADDRESS</c> (host:port, with
/// <c>TEMPORAL_TEST_NAMESPACE</c>, default "default") if set — unreachable is then an error, since it was asked for —
/// else the SDK's time-skipping test server, which the SDK downloads; where it cannot, scenarios are skipped and
/// say why.
/// </summary>
public sealed class TemporalServerConnection
{
    private static readonly Lazy<Task<TemporalServerConnection>> Shared = new(FindAsync);

    private TemporalServerConnection(string address, ITemporalClient? client, WorkflowEnvironment? environment, string unavailableReason)
    {
        Address = address;
        Client = client;
        Environment = environment;
        UnavailableReason = unavailableReason;
    }

    public string Address { get; }
    public ITemporalClient? Client { get; }

    /// <summary>Set when the SDK's test server runs: it can skip time.</summary>
    public WorkflowEnvironment? Environment { get; }

    public string UnavailableReason { get; }

    public static Task<TemporalServerConnection> SharedAsync() => Shared.Value;

    private static async Task<TemporalServerConnection> FindAsync()
    {
        var address = System.Environment.GetEnvironmentVariable("TEMPORAL_TEST_ADDRESS");
        if (!string.IsNullOrWhiteSpace(address))
        {
            var @namespace = System.Environment.GetEnvironmentVariable("TEMPORAL_TEST_NAMESPACE") is { Length: > 0 } ns ? ns : "default";
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(address) { Namespace = @namespace })
                .WaitAsync(TimeSpan.FromSeconds(30));
            return new TemporalServerConnection(address, client, null, "");
        }
        try
        {
            var environment = await WorkflowEnvironment.StartTimeSkippingAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return new TemporalServerConnection("the SDK's test server", environment.Client, environment, "");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new TemporalServerConnection("", null, null,
                "no Temporal server: TEMPORAL_TEST_ADDRESS is not set and the SDK's test server could not be started " +
                $"({e.GetType().Name}: {FirstLine(e.Message)})");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
