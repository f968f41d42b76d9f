namespace TemporalBridge.Hosting;

/// <summary>The <c>Bridge</c> section: how this process is deployed.</summary>
public sealed class BridgeOptions
{
    public const string Section = "Bridge";

    /// <summary><c>api</c>, <c>worker</c>, or <c>api,worker</c> (both, in one process).</summary>
    public string Roles { get; set; } = "api,worker";
}
