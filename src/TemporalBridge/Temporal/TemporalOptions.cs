using TemporalBridge.Hosting;

namespace TemporalBridge.Temporal;

/// <summary>The <c>Temporal</c> section: where the Temporal server is and which task queue the bridge uses.</summary>
public sealed class TemporalOptions
{
    public const string Section = "Temporal";

    /// <summary>host:port of the Temporal frontend.</summary>
    [RequiredSetting("Temporal:Address")]
    public string Address { get; set; } = "localhost:7233";

    [RequiredSetting("Temporal:Namespace")]
    public string Namespace { get; set; } = "default";

    /// <summary>The one task queue the worker polls and the API starts workflows on.</summary>
    [RequiredSetting("Temporal:TaskQueue")]
    public string TaskQueue { get; set; } = "temporal-bridge";
}
