namespace TemporalBridge.Businesses;

/// <summary>
/// The business tokens the <see cref="BusinessWorkflow"/>s hold: stored when a business connects, read by the
/// activities that act for a business (sessions, messages, clients).
/// </summary>
public interface IBusinessTokens
{
    /// <summary>
    /// The business's latest grant, from this process's memory when asked recently, else by querying its workflow.
    /// Fails with <see cref="BusinessNotConnectedException"/> when the business never connected.
    /// </summary>
    Task<BusinessTokenGrant> GetAsync(string businessUid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands a new grant to the business's workflow (signal-with-start) and returns once Temporal accepted it.
    /// A Temporal that cannot be reached fails the call, so the caller never reports success for a lost token.
    /// </summary>
    Task StoreAsync(string businessUid, BusinessTokenGrant grant, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached grant, e.g. after vcita rejected it; the next read asks the workflow again.</summary>
    void Invalidate(string businessUid);
}
