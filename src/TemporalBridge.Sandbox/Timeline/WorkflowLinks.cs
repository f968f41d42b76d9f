using System.Text.Json;

namespace TemporalBridge.Sandbox.Timeline;

/// <summary>
/// The bridge's workflow a call belongs to, read from the call's JSON body where the call names it; null when it
/// names none. What the bridge itself puts on the wire comes first, as written: the outbound delivery it hands
/// WhatsApp as <c>biz_opaque_callback_data</c> and Messenger as <c>message.metadata</c> (both handed back with each
/// status or echo), and the session it names to vcita as <c>external_uid</c> (vcita hands it back with each staff
/// message). A client's message in a provider's webhook belongs to the delivery the bridge starts for it, named
/// <c>delivery-in:{provider}:{message id}</c> (the bridge's README, "Finding a workflow in the Temporal UI").
/// </summary>
public static class WorkflowLinks
{
    /// <summary>More than any webhook or call the sandbox sees; a larger body is not read for a link.</summary>
    public const int MaxBody = 256 * 1024;

    public static string? Of(string service, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.Length > MaxBody)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(body.ToArray());
            var root = json.RootElement;
            return Named(root, "biz_opaque_callback_data", OutboundDelivery)
                ?? Named(root, "metadata", OutboundDelivery)
                ?? ClientMessage(service, root)
                ?? Named(root, "external_uid", id => id.StartsWith("session:", StringComparison.Ordinal));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Only the bridge's own ids: another app's callback data or metadata is not a workflow of the bridge.
    private static bool OutboundDelivery(string id) => id.StartsWith("delivery-out:", StringComparison.Ordinal);

    /// <summary>The first string property <paramref name="name"/> anywhere in <paramref name="element"/> that
    /// <paramref name="fits"/>.</summary>
    private static string? Named(JsonElement element, string name, Func<string, bool> fits)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == name && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } value && fits(value))
                    {
                        return value;
                    }
                    if (Named(property.Value, name, fits) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Named(item, name, fits) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>A client's message in a webhook: WhatsApp's <c>entry[].changes[].value.messages[].id</c>, Messenger's
    /// <c>entry[].messaging[].message.mid</c> (not an echo of the Page's own).</summary>
    private static string? ClientMessage(string service, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var entry in entries.EnumerateArray())
        {
            var id = service switch
            {
                "whatsapp" => Path(entry, "changes", change => Path(Value(change, "value") ?? default, "messages", message => Text(message, "id"))),
                "messenger" => Path(entry, "messaging", messaging => Value(messaging, "message") is { ValueKind: JsonValueKind.Object } message
                    && Value(message, "is_echo") is not { ValueKind: JsonValueKind.True } ? Text(message, "mid") : null),
                _ => null,
            };
            if (id is not null)
            {
                return $"delivery-in:{service}:{id}";
            }
        }
        return null;
    }

    private static string? Path(JsonElement element, string arrayName, Func<JsonElement, string?> first) =>
        Value(element, arrayName) is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray().Select(first).FirstOrDefault(id => id is not null) : null;

    private static JsonElement? Value(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement element, string name) =>
        Value(element, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;
}
