namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>
/// Misbehaviour for the next callbacks, set through the control API: send each of the next N twice (duplicates), or
/// hold each of the next N back by some milliseconds so callbacks queued after them overtake them (reordering).
/// </summary>
public sealed class CallbackBehaviour
{
    private readonly Lock gate = new();
    private int duplicateNext;
    private int holdNext;
    private int holdMs;

    public void DuplicateNext(int count)
    {
        lock (gate)
        {
            duplicateNext = count;
        }
    }

    public void HoldNext(int count, int delayMs)
    {
        lock (gate)
        {
            holdNext = count;
            holdMs = delayMs;
        }
    }

    /// <summary>How the next callback goes out; a per-call choice (<paramref name="duplicate"/>, <paramref name="extraDelayMs"/>) wins.</summary>
    public (bool Duplicate, int HeldMs) Next(bool? duplicate, int? extraDelayMs)
    {
        lock (gate)
        {
            var twice = duplicate ?? (duplicateNext > 0);
            if (duplicate is null && duplicateNext > 0)
            {
                duplicateNext--;
            }

            var held = extraDelayMs ?? (holdNext > 0 ? holdMs : 0);
            if (extraDelayMs is null && holdNext > 0)
            {
                holdNext--;
            }

            return (twice, held);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            duplicateNext = holdNext = holdMs = 0;
        }
    }
}
