using System.Buffers.Text;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace TemporalBridge.OAuth;

/// <summary>
/// The OAuth <c>state</c> values the bridge handed out: 32 random bytes (base64url), each valid once for
/// <see cref="Lifetime"/>, remembered in Redis with the provider whose app started the flow. Redis is only a cache
/// here too: losing it (a flush, a restart) only means a business that was half-way through consenting has to
/// start again.
/// </summary>
internal sealed class OAuthStates(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const int StateBytes = 32;

    /// <summary>The length of a base64url state without padding (32 bytes → 43 characters).</summary>
    public static readonly int StateLength = Base64Url.GetEncodedLength(StateBytes);

    public async Task<string> IssueAsync(string provider)
    {
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(StateBytes));
        // NX: 256 random bits never collide in practice, and if they did, the older flow must not be hijacked.
        if (!await redis.GetDatabase().StringSetAsync(Key(state), provider, Lifetime, When.NotExists))
        {
            throw new InvalidOperationException("A freshly drawn OAuth state already existed in Redis.");
        }

        return state;
    }

    /// <summary>
    /// The provider the state was issued for, and the state is gone: GETDEL is atomic, so of two callbacks with
    /// the same state exactly one gets it. Null when unknown, expired or already used.
    /// </summary>
    public async Task<string?> TakeAsync(string state)
    {
        if (!IsWellFormed(state))
        {
            return null;
        }

        var provider = await redis.GetDatabase().StringGetDeleteAsync(Key(state));
        return provider.HasValue ? provider.ToString() : null;
    }

    /// <summary>Checked before Redis is asked, so whatever a caller sends never becomes part of a key.</summary>
    public static bool IsWellFormed(string? state) =>
        state is not null && state.Length == StateLength && Base64Url.IsValid(state, out var decoded) && decoded == StateBytes;

    private static RedisKey Key(string state) => $"tb:oauth:state:{state}";
}
