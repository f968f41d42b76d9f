using System.Security.Cryptography;

namespace TemporalBridge.Sandbox.Meta;

/// <summary>What a token or a dialog's code grants: whose, for which app, and the assets shared in the dialog.</summary>
/// <param name="Kind">See <see cref="GrantKinds"/>.</param>
/// <param name="WabaIds">The WhatsApp Business Accounts a business token covers (Embedded Signup).</param>
/// <param name="PageIds">The Pages a user token may list with their Page tokens (Facebook Login).</param>
public sealed record MetaGrant(string AppId, string UserId, string Kind, IReadOnlyList<string> WabaIds, IReadOnlyList<string> PageIds);

public static class GrantKinds
{
    /// <summary>Embedded Signup's business token: acts for the shared WhatsApp Business Accounts and their numbers.</summary>
    public const string Business = "business";

    /// <summary>Facebook Login's token in the browser: about two hours.</summary>
    public const string ShortUser = "short_user";

    /// <summary>The long-lived user token <c>fb_exchange_token</c> gives: about 60 days.</summary>
    public const string LongUser = "long_user";
}

/// <summary>
/// Meta's side of connecting accounts, in memory: the codes its dialogs give (single use, 10 minutes, as Meta's are
/// short-lived: developers.facebook.com/docs/whatsapp/embedded-signup/implementation), the tokens they are exchanged
/// for, which the business can revoke (removing the app), the app subscriptions of accounts and Pages, and the numbers
/// registered for the Cloud API with their PINs (at most 10 register calls per number, as Meta allows in 72 hours).
/// </summary>
public sealed class MetaLogins(TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Meta's limit on register calls for one number in 72 hours (error 133016 past it).</summary>
    public const int RegisterAttempts = 10;

    private readonly Lock gate = new();
    private readonly Dictionary<string, (MetaGrant Grant, DateTimeOffset Until)> codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetaGrant> tokens = new(StringComparer.Ordinal);
    private readonly HashSet<(string AppId, string ObjectId)> subscriptions = [];
    private readonly Dictionary<string, (string Pin, int Attempts)> registrations = new(StringComparer.Ordinal);

    public string IssueCode(MetaGrant grant)
    {
        var code = "AQ" + Random(48);
        lock (gate)
        {
            codes[code] = (grant, time.GetUtcNow() + CodeLifetime);
        }
        return code;
    }

    /// <summary>The code's grant, once; why not otherwise (Meta's subcodes 36009 used, 36007 expired).</summary>
    public (MetaGrant? Grant, string? Problem) RedeemCode(string appId, string code)
    {
        lock (gate)
        {
            if (usedCodes.Contains(code))
            {
                return (null, "used");
            }
            if (!codes.Remove(code, out var issued) || issued.Grant.AppId != appId)
            {
                return (null, "invalid");
            }
            usedCodes.Add(code);
            return issued.Until <= time.GetUtcNow() ? (null, "expired") : (issued.Grant, null);
        }
    }

    public string IssueToken(MetaGrant grant)
    {
        var token = "EAA" + Random(64);
        lock (gate)
        {
            tokens[token] = grant;
        }
        return token;
    }

    public MetaGrant? Find(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        lock (gate)
        {
            return tokens.GetValueOrDefault(token);
        }
    }

    /// <summary>A business token that may act for this number (its account was shared in the dialog).</summary>
    public bool CoversNumber(string? token, string phoneNumberId, Func<string, string?> accountOfNumber) =>
        Find(token) is { Kind: GrantKinds.Business } grant && accountOfNumber(phoneNumberId) is { } waba && grant.WabaIds.Contains(waba);

    /// <summary>The person removed the app on Meta's side: every token they gave it stops working. Answers how many.</summary>
    public int RevokeApp(string appId, string userId)
    {
        lock (gate)
        {
            var revoked = tokens.Where(t => t.Value.AppId == appId && t.Value.UserId == userId).Select(t => t.Key).ToList();
            revoked.ForEach(token => tokens.Remove(token));
            return revoked.Count;
        }
    }

    public void Subscribe(string appId, string objectId)
    {
        lock (gate)
        {
            subscriptions.Add((appId, objectId));
        }
    }

    public bool Unsubscribe(string appId, string objectId)
    {
        lock (gate)
        {
            return subscriptions.Remove((appId, objectId));
        }
    }

    public IReadOnlyList<string> Subscribed(string appId)
    {
        lock (gate)
        {
            return [.. subscriptions.Where(s => s.AppId == appId).Select(s => s.ObjectId).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Registers the number with the PIN; a number registered before takes only its PIN (Meta's 133005), and
    /// past <see cref="RegisterAttempts"/> calls nothing is taken (133016).</summary>
    public int? Register(string phoneNumberId, string pin)
    {
        lock (gate)
        {
            var (known, attempts) = registrations.GetValueOrDefault(phoneNumberId, (null!, 0));
            if (attempts >= RegisterAttempts)
            {
                return 133016;
            }
            if (known is not null && known != pin)
            {
                registrations[phoneNumberId] = (known, attempts + 1);
                return 133005;
            }
            registrations[phoneNumberId] = (pin, attempts + 1);
            return null;
        }
    }

    public bool IsRegistered(string phoneNumberId)
    {
        lock (gate)
        {
            return registrations.ContainsKey(phoneNumberId);
        }
    }

    /// <summary>Register calls so far, per number.</summary>
    public IReadOnlyDictionary<string, int> RegisterCalls()
    {
        lock (gate)
        {
            return registrations.ToDictionary(r => r.Key, r => r.Value.Attempts, StringComparer.Ordinal);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            codes.Clear();
            usedCodes.Clear();
            tokens.Clear();
            subscriptions.Clear();
            registrations.Clear();
        }
    }

    private static string Random(int length) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(length)).Replace('+', '-').Replace('/', '_').TrimEnd('=')[..length];
}
