namespace TemporalBridge.Sandbox.WhatsApp.Users;

/// <summary>
/// A simulated WhatsApp user. <see cref="WaId"/> (the phone number) may be absent: such a user is known only by the
/// business-scoped <see cref="UserId"/>, as Meta's 2026 usernames allow. <see cref="ParentUserId"/> is the parent
/// business-scoped user id Meta adds for businesses with linked portfolios.
/// </summary>
public sealed record SimulatedUser(string? WaId, string Name, string? UserId, string? Username, string? ParentUserId)
{
    /// <summary>How the control API and the emulator's records name the user: the wa_id, else the user id.</summary>
    public string Key => WaId ?? UserId!;
}

/// <summary>
/// The users, and when each last wrote to each business number (the start of the 24-hour customer-service window,
/// on the emulator's clock).
/// </summary>
public sealed class UserDirectory
{
    private readonly Lock gate = new();
    private readonly List<SimulatedUser> users = [];
    private readonly Dictionary<(string PhoneNumberId, string UserKey), DateTimeOffset> lastWrote = [];

    public IReadOnlyList<SimulatedUser> All
    {
        get
        {
            lock (gate)
            {
                return [.. users];
            }
        }
    }

    /// <summary>Adds the user, or replaces the one with the same wa_id or user id (a test may re-create a user).</summary>
    public SimulatedUser Add(SimulatedUser user)
    {
        lock (gate)
        {
            users.RemoveAll(u => Same(u, user));
            users.Add(user);
            return user;
        }
    }

    /// <summary>The user whose wa_id or business-scoped user id is <paramref name="id"/> (a <c>+</c> or spaces in a phone number are ignored).</summary>
    public SimulatedUser? Find(string id)
    {
        var digits = WhatsAppIds.NormalisePhone(id);
        lock (gate)
        {
            return users.FirstOrDefault(u => u.UserId == id || (u.WaId is not null && digits.Length > 0 && u.WaId == digits));
        }
    }

    /// <summary>The user changed number: later messages come from <paramref name="newWaId"/>.</summary>
    public SimulatedUser? ChangeNumber(SimulatedUser user, string newWaId) => Replace(user, u => u with { WaId = newWaId });

    /// <summary>
    /// The user's business-scoped id changed (Meta makes a new one, e.g. with a new number): later messages carry
    /// <paramref name="newUserId"/>, and <paramref name="newParentUserId"/> when given (else the parent id stays).
    /// </summary>
    public SimulatedUser? ChangeUserId(SimulatedUser user, string newUserId, string? newParentUserId) =>
        Replace(user, u => u with { UserId = newUserId, ParentUserId = newParentUserId ?? u.ParentUserId });

    public void Wrote(string phoneNumberId, SimulatedUser user, DateTimeOffset at)
    {
        lock (gate)
        {
            var key = (phoneNumberId, user.Key);
            if (!lastWrote.TryGetValue(key, out var previous) || previous < at)
            {
                lastWrote[key] = at;
            }
        }
    }

    /// <summary>When the user last wrote to this number, or null if never.</summary>
    public DateTimeOffset? LastWrote(string phoneNumberId, SimulatedUser user)
    {
        lock (gate)
        {
            return lastWrote.TryGetValue((phoneNumberId, user.Key), out var at) ? at : null;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            users.Clear();
            lastWrote.Clear();
        }
    }

    /// <summary>Changes the stored user; the 24-hour windows move to the new key when the key changed.</summary>
    private SimulatedUser? Replace(SimulatedUser user, Func<SimulatedUser, SimulatedUser> change)
    {
        lock (gate)
        {
            var index = users.FindIndex(u => Same(u, user));
            if (index < 0)
            {
                return null;
            }

            var previous = users[index];
            var changed = change(previous);
            users[index] = changed;
            foreach (var key in lastWrote.Keys.Where(k => k.UserKey == previous.Key).ToList())
            {
                lastWrote[(key.PhoneNumberId, changed.Key)] = lastWrote[key];
            }

            return changed;
        }
    }

    private static bool Same(SimulatedUser a, SimulatedUser b) =>
        (a.WaId is not null && a.WaId == b.WaId) || (a.UserId is not null && a.UserId == b.UserId);
}
