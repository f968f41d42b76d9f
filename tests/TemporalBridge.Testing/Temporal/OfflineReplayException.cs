namespace TemporalBridge.Testing.Temporal;

/// <summary>The SDK rejected a history the kit built, or a replay did not finish: a determinism break in the
/// workflow, a workflow task failure, or a kit rule that does not match the SDK.</summary>
public sealed class OfflineReplayException(string message, Exception? inner = null) : Exception(message, inner);
