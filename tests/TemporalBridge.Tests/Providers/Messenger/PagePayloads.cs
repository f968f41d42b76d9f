namespace TemporalBridge.Tests.Providers.Messenger;

/// <summary>
/// Page webhook bodies as Meta's Messenger Platform reference shows them ("Webhook Events" and the pages of each
/// event: messages, message_echoes, message_reactions, messaging_postbacks, message_deliveries, message_reads,
/// standby), with this test's own ids and words. Ids are strings, times are milliseconds, as in Meta's examples.
/// </summary>
internal static class PagePayloads
{
    public const string PageId = "104400112233445";
    public const string Psid = "7766554433221100";
    public const long At = 1733390000123;

    /// <summary><c>{"object":"page","entry":[…]}</c>.</summary>
    public static string Envelope(params string[] entries) => $$"""{"object":"page","entry":[{{string.Join(',', entries)}}]}""";

    /// <summary>One Page's entry with its <c>messaging</c> events (and <c>standby</c> ones, when given).</summary>
    public static string Entry(string[] messaging, string[]? standby = null, string pageId = PageId) =>
        $$"""{"id":"{{pageId}}","time":{{At + 5}},"messaging":[{{string.Join(',', messaging)}}]{{(standby is null ? "" : $$""","standby":[{{string.Join(',', standby)}}]""")}}}""";

    /// <summary>A user's event: from the PSID to the Page.</summary>
    public static string FromUser(string kind, string body, string psid = Psid, long at = At) =>
        $$"""{"sender":{"id":"{{psid}}"},"recipient":{"id":"{{PageId}}"},"timestamp":{{at}},"{{kind}}":{{body}}}""";

    /// <summary>An echo: from the Page to the PSID.</summary>
    public static string FromPage(string message, string psid = Psid, long at = At) =>
        $$"""{"sender":{"id":"{{PageId}}"},"recipient":{"id":"{{psid}}"},"timestamp":{{at}},"message":{{message}}}""";

    public static string Text(string text, string mid = "m_AbC123") => FromUser("message", $$"""{"mid":"{{mid}}","text":"{{text}}"}""");

    public static string Single(string @event) => Envelope(Entry([@event]));
}
