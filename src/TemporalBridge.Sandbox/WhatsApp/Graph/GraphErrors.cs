namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>Meta's error body: <c>{"error":{"message","type","code","error_data":{"messaging_product","details"},"fbtrace_id"}}</c>.</summary>
public sealed record GraphErrorBody(GraphError Error);

public sealed record GraphError(string Message, string Type, int Code, GraphErrorData? ErrorData, string FbtraceId);

public sealed record GraphErrorData(string MessagingProduct, string Details);

/// <summary>One Meta error code: the HTTP status it comes with, its title and the usual details text.</summary>
public sealed record MetaErrorCode(int Code, int HttpStatus, string Title, string Details)
{
    /// <summary>
    /// The body Meta answers: the message is <c>(#code) title</c> (the token error excepted, which has no prefix and
    /// no error_data); <paramref name="details"/> replaces the usual details when the cause is more specific.
    /// </summary>
    public GraphErrorBody ToBody(string? details = null) => Code == GraphErrors.InvalidToken
        ? new(new GraphError(Title, "OAuthException", Code, ErrorData: null, WhatsAppIds.NewTraceId()))
        : new(new GraphError($"(#{Code}) {Title}", "OAuthException", Code, new GraphErrorData("whatsapp", details ?? Details), WhatsAppIds.NewTraceId()));
}

/// <summary>
/// The Meta error codes the emulator answers (facts sheet, error table), with the HTTP status Meta pairs them with:
/// throttling comes with 400, so a client that only looks at the status would retry the wrong things.
/// </summary>
public static class GraphErrors
{
    public const int InvalidParameter = 100;
    public const int InvalidToken = 190;
    public const int ThroughputLimit = 130429;
    public const int SomethingWentWrong = 131000;
    public const int ServiceUnavailable = 131016;
    public const int Undeliverable = 131026;
    public const int ReEngagement = 131047;
    public const int StoppedMarketing = 131050;
    public const int UnsupportedType = 131051;
    public const int PairRateLimit = 131056;
    public const int ServerUnavailable = 133004;

    private static readonly Dictionary<int, MetaErrorCode> Codes = new MetaErrorCode[]
    {
        new(InvalidParameter, 400, "Invalid parameter", "A parameter is missing or has a value the API does not accept."),
        new(InvalidToken, 401, "Invalid OAuth access token - Cannot parse access token", ""),
        new(ThroughputLimit, 400, "Rate limit hit", "The phone number has reached its message throughput; send more slowly."),
        new(SomethingWentWrong, 500, "Something went wrong", "The message was not sent because of an unknown error."),
        new(ServiceUnavailable, 503, "Service unavailable", "The service is temporarily unavailable."),
        new(Undeliverable, 400, "Message undeliverable",
            "The message could not be delivered: the recipient may not be on WhatsApp, use an old version, or not have accepted the terms."),
        new(ReEngagement, 400, "Re-engagement message",
            "The message was not sent because more than 24 hours have passed since the recipient last replied to this number."),
        new(StoppedMarketing, 400, "Recipient stopped marketing messages",
            "The message was not delivered because the recipient chose to stop receiving marketing messages from this business."),
        new(UnsupportedType, 400, "Message type unknown", "This message type is not supported."),
        new(PairRateLimit, 400, "(Business Account, Consumer Account) pair rate limit hit",
            "The message was not sent because too many messages went from this phone number to the same recipient in a short time."),
        new(ServerUnavailable, 503, "Server temporarily unavailable", "The server is temporarily unavailable; try again later."),
    }.ToDictionary(c => c.Code);

    public static IReadOnlyCollection<int> Known => Codes.Keys;

    public static MetaErrorCode Get(int code) => Codes[code];

    public static bool IsKnown(int code) => Codes.ContainsKey(code);
}
