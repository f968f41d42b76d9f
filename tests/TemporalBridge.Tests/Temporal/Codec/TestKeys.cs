using System.Security.Cryptography;
using TemporalBridge.Temporal.Codec;

namespace TemporalBridge.Tests.Temporal.Codec;

internal static class TestKeys
{
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(AesGcmPayloadCodec.KeySize);

    public static string NewBase64Key() => Convert.ToBase64String(NewKey());

    public static AesGcmPayloadCodec Codec(string activeKeyId, byte[] activeKey, params (string Id, byte[] Key)[] previous)
    {
        var keys = previous.ToDictionary(key => key.Id, key => key.Key);
        keys[activeKeyId] = activeKey;
        return new AesGcmPayloadCodec(activeKeyId, keys);
    }

    /// <summary>True when any <paramref name="window"/>-byte run of <paramref name="needle"/> appears in <paramref name="haystack"/>.</summary>
    public static bool SharesARun(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle, int window)
    {
        for (var start = 0; start + window <= needle.Length; start++)
        {
            if (haystack.IndexOf(needle.Slice(start, window)) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
