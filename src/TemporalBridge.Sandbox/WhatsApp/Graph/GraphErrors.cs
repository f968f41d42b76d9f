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
/// The Meta error codes the emulator answers (Meta's error codes page, updated 12 Dec 2025; 131062 from its 2026
/// "Business-scoped user IDs" page), with the HTTP status Meta pairs them with: throttling comes with 400 and some
/// configuration problems with 500, so a client that only looks at the status would retry the wrong things. Titles are
/// Meta's (but for 131062, which Meta publishes without one); the details are the emulator's own wording of Meta's.
/// </summary>
public static class GraphErrors
{
    /// <summary>Where webhook errors point (<c>href</c>): the relative form of Meta's current status and errors webhook examples.</summary>
    public const string Href = "/documentation/business-messaging/whatsapp/support/error-codes";

    public const int ApiUnknown = 1;
    public const int ApiService = 2;
    public const int ApiMethod = 3;
    public const int TooManyCalls = 4;
    public const int PermissionDenied = 10;
    public const int InvalidParameter = 100;
    public const int InvalidToken = 190;
    public const int PolicyBlock = 368;
    public const int AccountRateLimit = 80007;
    public const int ThroughputLimit = 130429;
    public const int InExperiment = 130472;
    public const int CountryRestricted = 130497;
    public const int SomethingWentWrong = 131000;
    public const int AccessDenied = 131005;
    public const int ServiceUnavailable = 131016;
    public const int RecipientIsSender = 131021;
    public const int Undeliverable = 131026;
    public const int AccountLocked = 131031;
    public const int PaymentIssue = 131042;
    public const int IncorrectCertificate = 131045;
    public const int ReEngagement = 131047;
    public const int SpamRateLimit = 131048;
    public const int EcosystemEngagement = 131049;
    public const int StoppedMarketing = 131050;
    public const int UnsupportedType = 131051;
    public const int MediaUploadError = 131053;
    public const int PairRateLimit = 131056;
    public const int MaintenanceMode = 131057;
    public const int UserIdRecipientUnsupported = 131062;
    public const int TemplateMissing = 132001;
    public const int ServerUnavailable = 133004;
    public const int NotRegistered = 133010;
    public const int GenericUserError = 135000;

    private static readonly Dictionary<int, MetaErrorCode> Codes = new MetaErrorCode[]
    {
        new(ApiUnknown, 400, "API Unknown", "The request was not valid, or the server had a problem; check Meta's status page before retrying."),
        new(ApiService, 503, "API Service", "The service is down for a short time or overloaded."),
        new(ApiMethod, 500, "API Method", "The app lacks a capability or permission this call needs."),
        new(TooManyCalls, 400, "API Too Many Calls", "The app has reached its API call rate limit; make fewer calls."),
        new(PermissionDenied, 403, "Permission Denied", "The permission this call needs was never granted or has been removed."),
        new(InvalidParameter, 400, "Invalid parameter", "A parameter is missing or has a value the API does not accept."),
        new(InvalidToken, 401, "Invalid OAuth access token - Cannot parse access token", ""),
        new(PolicyBlock, 403, "Temporarily blocked for policies violations",
            "The WhatsApp Business Account was restricted or disabled for breaking a platform policy."),
        new(AccountRateLimit, 400, "Rate limit issues", "The WhatsApp Business Account has reached its rate limit; make fewer calls."),
        new(ThroughputLimit, 400, "Rate limit hit", "The phone number has reached its message throughput; send more slowly."),
        new(InExperiment, 400, "User's number is part of an experiment",
            "The message was not sent: the recipient is in a marketing message experiment."),
        new(CountryRestricted, 403, "Business account is restricted from messaging users in this country",
            "The business may not message users in the recipient's country."),
        new(SomethingWentWrong, 500, "Something went wrong", "The message was not sent because of an unknown error."),
        new(AccessDenied, 403, "Access denied", "The permission this call needs was never granted or has been removed."),
        new(ServiceUnavailable, 503, "Service unavailable", "The service is temporarily unavailable."),
        new(RecipientIsSender, 400, "Recipient cannot be sender", "The recipient's phone number is the sender's own."),
        new(Undeliverable, 400, "Message undeliverable",
            "The message could not be delivered: the recipient may not be on WhatsApp, use an old version, or not have accepted the terms."),
        new(AccountLocked, 403, "Account has been locked",
            "The account was restricted for a policy violation, or data in the request (such as the two-step PIN) could not be verified."),
        new(PaymentIssue, 400, "Business eligibility payment issue",
            "The message was not sent because of a problem with the business's payment setup."),
        new(IncorrectCertificate, 500, "Incorrect certificate", "The message was not sent because the phone number's registration is faulty; register it again."),
        new(ReEngagement, 400, "Re-engagement message",
            "The message was not sent because more than 24 hours have passed since the recipient last replied to this number."),
        new(SpamRateLimit, 400, "Spam rate limit hit",
            "The message was not sent: this phone number's sends are limited because many earlier messages were blocked or flagged as spam."),

        // Meta's status webhook example gives this sentence as the title (and message) of a 131049 failure.
        new(EcosystemEngagement, 400, "This message was not delivered to maintain healthy ecosystem engagement.",
            "Meta chose not to deliver the message; wait at least 24 hours before sending this user the template again."),
        new(StoppedMarketing, 400, "Recipient stopped marketing messages",
            "The message was not delivered because the recipient chose to stop receiving marketing messages from this business."),
        new(UnsupportedType, 400, "Message type unknown", "This message type is not supported."),
        new(MediaUploadError, 400, "Media upload error", "The media in the message could not be uploaded, e.g. because its type is not supported."),
        new(PairRateLimit, 400, "(Business Account, Consumer Account) pair rate limit hit",
            "The message was not sent because too many messages went from this phone number to the same recipient in a short time."),
        new(MaintenanceMode, 500, "Account in maintenance mode", "The business account is in maintenance mode, e.g. during a throughput upgrade."),

        // Meta's page gives the code and its details but no title or HTTP status: 400, as for the other checks of a send's recipient.
        new(UserIdRecipientUnsupported, 400, "Business-scoped user id recipient not supported",
            "This message cannot be sent to a business-scoped user id; send it to the user's phone number."),
        new(TemplateMissing, 404, "Template does not exist", "The template does not exist in this language, or is not approved."),
        new(ServerUnavailable, 503, "Server temporarily unavailable", "The server is temporarily unavailable; try again later."),
        new(NotRegistered, 400, "Phone number not registered", "The phone number is not registered on the WhatsApp Business Platform."),
        new(GenericUserError, 400, "Generic user error", "The message was not sent because of an unknown problem with the request's parameters."),
    }.ToDictionary(c => c.Code);

    public static IReadOnlyCollection<int> Known => Codes.Keys;

    public static MetaErrorCode Get(int code) => Codes[code];

    public static bool IsKnown(int code) => Codes.ContainsKey(code);
}
