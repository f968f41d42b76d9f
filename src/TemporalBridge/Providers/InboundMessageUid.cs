using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace TemporalBridge.Providers;

/// <summary>
/// The <c>message_uid</c> the bridge gives vcita for a client's message: derived from the provider's message id
/// alone, so a duplicate webhook or a retried call can never create the message twice (vcita keeps message uids
/// unique per channel), and reversible, so vcita's later status calls lead back to the message's delivery.
/// The provider id is base64url-encoded: WhatsApp ids are base64 and may hold '/', which does not survive a URL
/// path segment (<c>PUT /vcita/messages/{message_uid}</c>). Example: <c>in.whatsapp.d2FtaWQuSEJnTE1U…</c>.
/// </summary>
public static class InboundMessageUid
{
    private const string Prefix = "in.";

    /// <summary>vcita's limit on <c>message_uid</c>.</summary>
    private const int MaxLength = 255;

    /// <summary>The longest provider id that still fits; real ones are far shorter (a wamid is about 60).</summary>
    public static bool Fits(string provider, string providerMessageId) =>
        Prefix.Length + provider.Length + 1 + Base64Url.GetEncodedLength(Encoding.UTF8.GetByteCount(providerMessageId)) <= MaxLength;

    public static string For(string provider, string providerMessageId)
    {
        if (!Fits(provider, providerMessageId))
        {
            throw new ArgumentException($"A {provider} message id of {providerMessageId.Length} characters does not fit vcita's message_uid.");
        }
        return $"{Prefix}{provider}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(providerMessageId))}";
    }

    /// <summary>Whether <paramref name="messageUid"/> is one the bridge made for a client's message, and for which.</summary>
    public static bool TryParse(
        string messageUid, [NotNullWhen(true)] out string? provider, [NotNullWhen(true)] out string? providerMessageId)
    {
        provider = providerMessageId = null;
        if (!messageUid.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = messageUid.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || !Base64Url.IsValid(rest[(dot + 1)..]))
        {
            return false;
        }
        try
        {
            providerMessageId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(rest[(dot + 1)..]));
        }
        catch (FormatException)
        {
            return false;
        }
        provider = rest[..dot].ToString();
        return providerMessageId.Length > 0;
    }
}
