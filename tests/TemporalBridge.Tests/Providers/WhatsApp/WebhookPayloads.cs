namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>Webhook bodies written from the facts sheet's shapes, with realistic ids.</summary>
internal static class WebhookPayloads
{
    public const string PhoneNumberId = "106540352242922";
    public const string OtherPhoneNumberId = "106540352249999";
    public const string WaId = "16505551234";
    public const string ProfileName = "Sheena Nelson";
    public const string MessageId = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";
    public const string Timestamp = "1739321024";

    public static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1739321024);

    /// <summary>A whole body: one entry whose changes are <c>messages</c> changes with these values.</summary>
    public static string Envelope(params string[] values) =>
        $$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{{string.Join(",", values.Select(Change))}}]}]}""";

    public static string Change(string value) => $$"""{"field":"messages","value":{{value}}}""";

    /// <summary>A <c>value</c> for <paramref name="phoneNumberId"/> with these messages, statuses and contacts.</summary>
    public static string Value(string? messages = null, string? statuses = null, string? contacts = null, string phoneNumberId = PhoneNumberId)
    {
        var parts = new List<string>
        {
            "\"messaging_product\":\"whatsapp\"",
            $$"""
            "metadata":{"display_phone_number":"15550783881","phone_number_id":"{{phoneNumberId}}"}
            """,
        };
        if (contacts is not null)
        {
            parts.Add($"\"contacts\":[{contacts}]");
        }

        if (messages is not null)
        {
            parts.Add($"\"messages\":[{messages}]");
        }

        if (statuses is not null)
        {
            parts.Add($"\"statuses\":[{statuses}]");
        }

        return "{" + string.Join(",", parts) + "}";
    }

    public static string Contact(string waId = WaId, string name = ProfileName) =>
        $$"""{"profile":{"name":"{{name}}"},"wa_id":"{{waId}}"}""";

    /// <summary>An inbound message of <paramref name="type"/> whose type object is <paramref name="content"/>.</summary>
    public static string Message(string type, string content, string id = MessageId, string from = WaId, string? context = null) =>
        $$"""{"from":"{{from}}","id":"{{id}}","timestamp":"{{Timestamp}}",{{(context is null ? "" : $"\"context\":{context},")}}"type":"{{type}}","{{type}}":{{content}}}""";

    public static string Text(string body, string id = MessageId, string from = WaId, string? context = null) =>
        Message("text", $$"""{"body":"{{body}}"}""", id, from, context);

    /// <summary>One text from the default user to the default number, as Meta sends the simplest webhook.</summary>
    public static string SingleText(string body = "Hi, is Tuesday still free?") =>
        Envelope(Value(messages: Text(body), contacts: Contact()));

    public static string Status(string id, string status, string recipient = WaId, string timestamp = Timestamp, string? errors = null) =>
        $$"""{"id":"{{id}}","status":"{{status}}","timestamp":"{{timestamp}}","recipient_id":"{{recipient}}"{{(errors is null ? "" : $",\"errors\":[{errors}]")}}}""";
}
