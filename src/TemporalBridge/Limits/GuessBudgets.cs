using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Limits;

/// <summary>
/// One budget per client address for calls that do not present the credential of the group they call (/vcita,
/// /admin, /codec): shared by every group, so guessing a secret is as slow whichever door it is tried at, and a
/// stranger cannot get three budgets by trying three doors. The framework keeps a limiter per policy; this store
/// hands each policy the same one for an address. Budgets whose window has long passed are let go as new ones come.
/// </summary>
internal sealed class GuessBudgets(IOptions<RateLimitOptions> options, TimeProvider time)
{
    /// <summary>How many addresses are kept before the ones idle for a whole window are let go.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Shared> budgets = new(StringComparer.Ordinal);

    public RateLimiter For(string address)
    {
        if (budgets.Count > PruneAbove)
        {
            Prune();
        }

        var limit = options.Value.Unauthenticated;
        return budgets.GetOrAdd(address, _ => new Shared(new WindowBudget(limit.Permits, TimeSpan.FromSeconds(limit.WindowSeconds), time)));
    }

    private void Prune()
    {
        var window = TimeSpan.FromSeconds(options.Value.Unauthenticated.WindowSeconds);
        foreach (var (address, budget) in budgets)
        {
            if (budget.IdleDuration >= window)
            {
                budgets.TryRemove(address, out _);
            }
        }
    }

    /// <summary>The budget as each policy holds it: a policy letting go of it (disposing it) must not end it for the others.</summary>
    private sealed class Shared(WindowBudget budget) : RateLimiter
    {
        public override TimeSpan? IdleDuration => budget.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => budget.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => budget.AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            budget.AcquireAsync(permitCount, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            // Shared: the store decides when it goes.
        }
    }
}
