namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// Which statuses the emulator sends, in that order, after a successful send: the first at once, each next one
/// <c>StatusDelayMs</c> after the previous. <see cref="ErrorCode"/> goes with a <c>failed</c> in the list. With
/// <see cref="BeforeAnswer"/>, they all go at once and the bridge has answered them before the send itself is
/// answered: Meta's webhooks can overtake the answer of the call that made the message.
/// </summary>
public sealed record StatusPlan(IReadOnlyList<string> Statuses, int? ErrorCode, int? Count, string? To, bool BeforeAnswer = false)
{
    /// <summary>What Meta does for a message that reaches the phone: sent, then delivered.</summary>
    public static readonly StatusPlan Default = new(["sent", "delivered"], ErrorCode: null, Count: null, To: null);

    public static readonly IReadOnlyList<string> Known = ["sent", "delivered", "read", "failed", "played"];
}

/// <summary>
/// Plans set through the control API (reordered, duplicated or skipped statuses), used in the order they were set;
/// a plan with a count runs out, one without stays until cleared; without any, <see cref="StatusPlan.Default"/>.
/// </summary>
public sealed class StatusPlans
{
    private readonly Lock gate = new();
    private readonly List<StatusPlan> plans = [];

    public void Add(StatusPlan plan)
    {
        lock (gate)
        {
            plans.Add(plan);
        }
    }

    /// <summary>The plan for a send to <paramref name="recipientKey"/>; a counted plan is used up by it.</summary>
    public StatusPlan Next(string recipientKey)
    {
        lock (gate)
        {
            var index = plans.FindIndex(p => p.To is null || p.To == recipientKey);
            if (index < 0)
            {
                return StatusPlan.Default;
            }

            var plan = plans[index];
            if (plan.Count is { } count)
            {
                if (count <= 1)
                {
                    plans.RemoveAt(index);
                }
                else
                {
                    plans[index] = plan with { Count = count - 1 };
                }
            }

            return plan;
        }
    }

    public IReadOnlyList<StatusPlan> Pending
    {
        get
        {
            lock (gate)
            {
                return [.. plans];
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            plans.Clear();
        }
    }
}
