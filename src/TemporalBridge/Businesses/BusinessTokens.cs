using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Businesses;

/// <summary>
/// Reads grants by querying the <see cref="BusinessWorkflow"/> and keeps each one in memory for
/// <see cref="CacheLifetime"/>, so a burst of activities costs one query. Only process memory: the token is never
/// written to Redis or anywhere else in plaintext.
/// </summary>
internal sealed partial class BusinessTokens(
    ITemporalClient temporal,
    IOptions<TemporalOptions> options,
    TimeProvider time,
    ILogger<BusinessTokens> logger) : IBusinessTokens
{
    /// <summary>Long enough to spare Temporal a query per activity, short enough that a reconnect made through
    /// another process is seen within minutes.</summary>
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(3);

    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    public async Task<BusinessTokenGrant> GetAsync(string businessUid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(businessUid);
        if (cache.TryGetValue(businessUid, out var cached) && time.GetUtcNow() < cached.ExpiresAt)
        {
            return cached.Grant;
        }

        BusinessTokenGrant? grant;
        try
        {
            grant = await temporal.GetWorkflowHandle<BusinessWorkflow>(WorkflowIds.Business(businessUid))
                .QueryAsync(wf => wf.Grant, new WorkflowQueryOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            throw new BusinessNotConnectedException(businessUid, e);
        }

        if (grant is null)
        {
            throw new BusinessNotConnectedException(businessUid);
        }

        Remember(businessUid, grant);
        return grant;
    }

    public async Task StoreAsync(string businessUid, BusinessTokenGrant grant, CancellationToken cancellationToken = default)
    {
        var workflow = new WorkflowOptions(WorkflowIds.Business(businessUid), options.Value.TaskQueue)
        {
            Rpc = new RpcOptions { CancellationToken = cancellationToken },
        };
        workflow.SignalWithStart((BusinessWorkflow wf) => wf.GrantTokenAsync(grant));
        await temporal.StartWorkflowAsync((BusinessWorkflow wf) => wf.RunAsync(new BusinessWorkflowInput(businessUid)), workflow);

        // This process sees the new token at once; others when their cached one runs out.
        Remember(businessUid, grant);
        LogStored(businessUid, grant.Provider);
    }

    public void Invalidate(string businessUid) => cache.TryRemove(businessUid, out _);

    private void Remember(string businessUid, BusinessTokenGrant grant) =>
        cache[businessUid] = new Cached(grant, time.GetUtcNow() + CacheLifetime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the vcita business token of business {BusinessUid} ({Provider}) in its workflow")]
    private partial void LogStored(string businessUid, string provider);

    private sealed record Cached(BusinessTokenGrant Grant, DateTimeOffset ExpiresAt);
}
