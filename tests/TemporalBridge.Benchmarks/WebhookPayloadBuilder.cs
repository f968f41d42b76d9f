using System.Globalization;
using System.Text;

namespace TemporalBridge.Benchmarks;

/// <summary>
/// Webhook bodies shaped as Meta sends them (facts sheet: an entry per business account, a change per phone number
/// and user, contacts then messages), made of realistic text messages: varied lengths, punctuation, escaped quotes and
/// line breaks, non-Latin text and emoji written as JSON escapes the way Meta writes them.
/// </summary>
internal static class WebhookPayloadBuilder
{
    public const string AppSecret = "benchmark-whatsapp-app-secret";

    /// <summary>The phone number ids of the batch: several numbers of several accounts.</summary>
    public static readonly string[] PhoneNumberIds = ["106540352242922", "106540352249999", "107655329452927", "108223344556677"];

    private static readonly string[] Phrases =
    [
        "Hi, is Tuesday at 10:30 still free for a haircut?",
        "Thanks! See you then.",
        "Could we move my appointment to next week? Something came up at work \\u2014 sorry about that.",
        "My address is 221B Baker Street, flat 3, London NW1 6XE.",
        "He said \\\"bring the invoice\\\", so I'll bring the invoice and the receipt.",
        "Line one\\nline two\\nline three",
        "\\u05e9\\u05dc\\u05d5\\u05dd, \\u05de\\u05ea\\u05d9 \\u05d0\\u05ea\\u05dd \\u05e4\\u05ea\\u05d5\\u05d7\\u05d9\\u05dd?",
        "Perfect \\ud83d\\udc4d\\ud83d\\ude4f",
        "How much is the deep-tissue massage (60 min) and do you take cards?",
        "I'm running 5 minutes late, please don't give my slot away!",
    ];

    /// <summary>
    /// A batch of <paramref name="updates"/> text messages, padded with longer messages until the body is close to
    /// <paramref name="targetBytes"/>: Meta's largest webhook is 1,000 updates in at most 3 MB.
    /// </summary>
    public static byte[] Batch(int updates, int targetBytes, int usersPerNumber = 50, int messagesPerChange = 5)
    {
        // Sized so the messages together fill the body: each message's text averages this many bytes.
        var textBytes = Math.Max(40, (targetBytes / updates) - 330);
        var random = new Random(20260101);
        var entries = new List<string>();
        var message = 0;
        var perNumber = updates / PhoneNumberIds.Length;
        for (var n = 0; n < PhoneNumberIds.Length; n++)
        {
            var inThisNumber = n == PhoneNumberIds.Length - 1 ? updates - (perNumber * n) : perNumber;
            var changes = new List<string>();
            for (var sent = 0; sent < inThisNumber; sent += messagesPerChange)
            {
                var user = WaId(n, random.Next(usersPerNumber));
                var messages = new List<string>();
                for (var k = 0; k < Math.Min(messagesPerChange, inThisNumber - sent); k++)
                {
                    messages.Add(Text(user, MessageId(message++), Body(random, textBytes)));
                }

                changes.Add(Change(PhoneNumberIds[n], user, messages));
            }

            entries.Add($$"""{"id":"10229012934{{n:D4}}","changes":[{{string.Join(",", changes)}}]}""");
        }

        return Encoding.UTF8.GetBytes($$"""{"object":"whatsapp_business_account","entry":[{{string.Join(",", entries)}}]}""");
    }

    /// <summary>One text from one user to one number: the webhook Meta sends most often.</summary>
    public static byte[] Single(string phoneNumberId, string waId, string messageId, string body) =>
        Encoding.UTF8.GetBytes($$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{{Change(phoneNumberId, waId, [Text(waId, messageId, body)])}}]}]}""");

    public static string WaId(int number, int user) => string.Create(CultureInfo.InvariantCulture, $"1650555{number:D1}{user:D4}");

    public static string MessageId(int index) =>
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFE" + Convert.ToBase64String(BitConverter.GetBytes((long)index)).TrimEnd('=');

    public static string Phrase(int index) => Phrases[index % Phrases.Length];

    private static string Change(string phoneNumberId, string waId, List<string> messages) =>
        $$$"""{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{phoneNumberId}}}"},"contacts":[{"profile":{"name":"Customer {{{waId[^4..]}}}"},"wa_id":"{{{waId}}}"}],"messages":[{{{string.Join(",", messages)}}}]}}""";

    private static string Text(string from, string id, string body) =>
        $$$"""{"from":"{{{from}}}","id":"{{{id}}}","timestamp":"1739321024","type":"text","text":{"body":"{{{body}}}"}}""";

    /// <summary>Phrases strung together to about <paramref name="bytes"/> bytes of JSON text, varying ±50 %.</summary>
    private static string Body(Random random, int bytes)
    {
        var length = random.Next(bytes / 2, (bytes * 3 / 2) + 1);
        var body = new StringBuilder(length + 128);
        while (body.Length < length)
        {
            if (body.Length > 0)
            {
                body.Append(' ');
            }

            body.Append(Phrases[random.Next(Phrases.Length)]);
        }

        return body.ToString();
    }
}
