namespace TemporalBridge.Channels;

/// <summary>
/// The provider took access away from several channels at once: a person removed the app, asked for their data to be
/// deleted, or a group of accounts was banned, deleted or lost the app. The channels are found by who connected them
/// (<see cref="ConnectedBy"/>) or by their group (<see cref="AccountGroupId"/>), of <see cref="Providers"/>.
/// </summary>
public sealed record RevocationInput(IReadOnlyList<string> Providers, string? ConnectedBy, string? AccountGroupId, AccessRevoked Revocation);

/// <summary>Finds the running channels a revocation is for.</summary>
public sealed record ChannelSearch(IReadOnlyList<string> Providers, string? ConnectedBy, string? AccountGroupId);

/// <summary>Where a revocation stands: what a data-deletion status page shows.</summary>
/// <param name="Channels">How many channels were told; null until they were found.</param>
public sealed record RevocationState(string Reason, bool Disconnect, int? Channels, bool Done);
