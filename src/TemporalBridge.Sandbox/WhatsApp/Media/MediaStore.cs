using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Sandbox.WhatsApp.Media;

/// <summary>A file a simulated user sent; the bridge looks it up with <c>GET /{media-id}</c> and downloads it.</summary>
public sealed record StoredMedia(string Id, string PhoneNumberId, string MimeType, byte[] Bytes)
{
    /// <summary>Hex SHA-256, as the media lookup answers it.</summary>
    public string Sha256Hex => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    /// <summary>Base64 SHA-256, as inbound webhooks carry it.</summary>
    public string Sha256Base64 => Convert.ToBase64String(SHA256.HashData(Bytes));
}

/// <summary>
/// Media by id, and the short-lived download URLs handed out for them (each valid <c>MediaUrlLifetimeSeconds</c> on
/// the emulator's clock, like Meta's five minutes).
/// </summary>
public sealed class MediaStore(TimeProvider time, IOptions<WhatsAppEmulatorOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StoredMedia> media = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string MediaId, DateTimeOffset ExpiresAt)> downloads = new(StringComparer.Ordinal);

    /// <summary>Stores <paramref name="bytes"/>, or a small generated file of the type when none are given.</summary>
    public StoredMedia Add(string phoneNumberId, string mimeType, byte[]? bytes)
    {
        var stored = new StoredMedia(WhatsAppIds.NewMediaId(), phoneNumberId, mimeType, bytes ?? Generate(mimeType));
        lock (gate)
        {
            media[stored.Id] = stored;
        }

        return stored;
    }

    public StoredMedia? Find(string id)
    {
        lock (gate)
        {
            return media.GetValueOrDefault(id);
        }
    }

    /// <summary>A new download token for the media; the URL carries it.</summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueDownload(StoredMedia stored)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expiresAt = time.GetUtcNow().AddSeconds(options.Value.MediaUrlLifetimeSeconds);
        lock (gate)
        {
            downloads[token] = (stored.Id, expiresAt);
        }

        return (token, expiresAt);
    }

    /// <summary>The media a download token stands for, while the token is still valid.</summary>
    public StoredMedia? Redeem(string mediaId, string token)
    {
        lock (gate)
        {
            return downloads.TryGetValue(token, out var download) && download.MediaId == mediaId && time.GetUtcNow() < download.ExpiresAt
                ? media.GetValueOrDefault(mediaId)
                : null;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            media.Clear();
            downloads.Clear();
        }
    }

    /// <summary>A few hundred bytes that start with the type's magic number, so a sniffer agrees with the mime type.</summary>
    private static byte[] Generate(string mimeType)
    {
        byte[] magic = mimeType.Split(';')[0].Trim() switch
        {
            "image/jpeg" => [0xFF, 0xD8, 0xFF, 0xE0],
            "image/png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            "image/webp" => "RIFF\0\0\0\0WEBP"u8.ToArray(),
            "audio/ogg" => "OggS"u8.ToArray(),
            "video/mp4" => "\0\0\0\u0018ftypisom"u8.ToArray(),
            "application/pdf" => "%PDF-1.4\n"u8.ToArray(),
            _ => [],
        };

        return [.. magic, .. Encoding.ASCII.GetBytes($" TemporalBridge sandbox media ({mimeType}) "), .. RandomNumberGenerator.GetBytes(128)];
    }
}
