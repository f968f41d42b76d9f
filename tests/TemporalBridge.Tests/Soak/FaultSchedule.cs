namespace TemporalBridge.Tests.Soak;

/// <summary>
/// Which calls of one emulated endpoint fail for now: each call fails with probability <c>rate</c>, decided by the
/// seed. The emulators apply their injected faults in order, one per call, so the schedule is a list of entries:
/// a run of calls let through untouched, then one transient failure, and so on.
/// </summary>
internal static class FaultSchedule
{
    /// <summary>Meta's answers that mean "try again": throttling, its service errors, and bare gateway 5xx.</summary>
    private static readonly (int? Code, int? HttpStatus)[] GraphTransients =
        [(130429, null), (131000, null), (131016, null), (133004, null), (null, 500), (null, 503)];

    /// <summary>vcita's answers that mean "try again".</summary>
    private static readonly int[] VcitaTransients = [500, 503, 429];

    /// <summary>Fault entries for the WhatsApp emulator's <c>_control/faults</c>, covering the first <paramref name="calls"/> calls of <paramref name="operation"/>.</summary>
    public static IReadOnlyList<object> Graph(Random random, string operation, int calls, double rate) =>
        Build(random, calls, rate,
            pass => new { operation, delay_ms = 1, count = pass },
            pick =>
            {
                var (code, httpStatus) = GraphTransients[pick.Next(GraphTransients.Length)];
                return new { operation, code, http_status = httpStatus, count = 1 };
            });

    /// <summary>Fault entries for the vcita emulator's <c>_control/faults</c>, covering the first <paramref name="calls"/> calls of <paramref name="endpoint"/>.</summary>
    public static IReadOnlyList<object> Vcita(Random random, string endpoint, int calls, double rate) =>
        Build(random, calls, rate,
            pass => new { endpoint, delay_ms = 1, count = pass },
            pick => new { endpoint, status = VcitaTransients[pick.Next(VcitaTransients.Length)], count = 1 });

    private static List<object> Build(Random random, int calls, double rate, Func<int, object> pass, Func<Random, object> fail)
    {
        // A seeded generator on purpose: the same seed fails the same calls.
#pragma warning disable CA5394
        var entries = new List<object>();
        var passing = 0;
        for (var call = 0; call < calls; call++)
        {
            if (random.NextDouble() >= rate)
            {
                passing++;
                continue;
            }
            if (passing > 0)
            {
                entries.Add(pass(passing));
                passing = 0;
            }
            entries.Add(fail(random));
        }
#pragma warning restore CA5394
        return entries;
    }
}
