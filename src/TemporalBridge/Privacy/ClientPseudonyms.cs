using System.Security.Cryptography;
using System.Text;

namespace TemporalBridge.Privacy;

/// <summary>
/// What stands for a client's id (a WhatsApp number, a Messenger page-scoped id) wherever an id can be read: in
/// workflow ids and so in the <c>external_uid</c> vcita stores, in Redis keys, in logs. A keyed hash
/// (HMAC-SHA256 with <c>Privacy:ClientIdKey</c>), because a phone number has too few possibilities for a plain hash
/// to hide it. The same client always gives the same pseudonym, which is how their conversation is found again, so the
/// key never rotates; and since workflows build conversation ids with it, it is one value for the whole process, set
/// once at start (<see cref="ClientPseudonymKey"/>), the same in every run that replays them.
/// </summary>
public static class ClientPseudonyms
{
    /// <summary>128 bits of the HMAC, as lowercase hex: unique enough, and short in an id.</summary>
    public const int Length = 32;

    private static byte[]? key;

    /// <summary>Sets the process's key. The same key again is fine (every host of a test process sets it); another one
    /// is refused, since every pseudonym made so far would then lead nowhere.</summary>
    public static void UseKey(byte[] newKey)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newKey.Length, 32, nameof(newKey));
        var current = Interlocked.CompareExchange(ref key, newKey, null);
        if (current is not null && !CryptographicOperations.FixedTimeEquals(current, newKey))
        {
            throw new InvalidOperationException("Privacy:ClientIdKey cannot change while the process runs: conversations are found by the pseudonyms it made.");
        }
    }

    /// <summary>The pseudonym of <paramref name="clientId"/>.</summary>
    public static string Of(string clientId)
    {
        var current = key ?? throw new InvalidOperationException(
            "Privacy:ClientIdKey is not set: the service sets it at start (ClientPseudonymKey).");
        return Convert.ToHexStringLower(HMACSHA256.HashData(current, Encoding.UTF8.GetBytes(clientId)))[..Length];
    }
}
