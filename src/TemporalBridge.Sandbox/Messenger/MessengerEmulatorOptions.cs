using System.ComponentModel.DataAnnotations;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>
/// The Messenger Platform emulator's settings (section <c>MessengerEmulator</c>, env <c>MessengerEmulator__*</c>). Every
/// default is a development value matching the bridge's development settings, so compose works without a .env file.
/// </summary>
public sealed class MessengerEmulatorOptions : IValidatableObject
{
    public const string Section = "MessengerEmulator";

    /// <summary>Key of the <c>X-Hub-Signature-256</c> HMAC on every Page webhook (the bridge's Messenger app secret).</summary>
    public string AppSecret { get; set; } = "dev-messenger-app-secret";

    /// <summary>The emulated Meta app's id: <c>app_id</c> in the echoes of what it sent.</summary>
    public string AppId { get; set; } = "1000000000000002";

    /// <summary>Where webhooks go, relative to <c>Sandbox__BridgeBaseUrl</c>.</summary>
    public string WebhookPath { get; set; } = "/webhooks/messenger";

    /// <summary>The Facebook Pages the Send API knows, each with its own Page access token. Empty: one development Page.</summary>
    public List<FacebookPage> Pages { get; set; } = [];

    /// <summary>Whether Meta granted the app the Human Agent permission: without it a <c>HUMAN_AGENT</c> tag is refused
    /// as outside the allowed window.</summary>
    public bool HumanAgentPermission { get; set; }

    /// <summary>Time between a send's answer and the <c>delivery</c> watermark webhook that covers it.</summary>
    [Range(0, 600_000)]
    public int DeliveryDelayMs { get; set; } = 1_000;

    /// <summary>Attempts per webhook (the first included) before it is recorded as failed.</summary>
    [Range(1, 20)]
    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt of a refused webhook; doubles for every further attempt.</summary>
    [Range(0, 600_000)]
    public int WebhookRetryDelayMs { get; set; } = 1_000;

    /// <summary>How long one webhook attempt may take before it counts as failed.</summary>
    [Range(100, 300_000)]
    public int WebhookTimeoutMs { get; set; } = 10_000;

    /// <summary>The configured Pages, or the one development Page when none is configured.</summary>
    public IReadOnlyList<FacebookPage> AllPages() => Pages.Count > 0 ? Pages : [FacebookPage.Default];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(AppSecret), AppSecret), (nameof(AppId), AppId) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return Invalid(name, "must not be empty");
            }
        }

        if (string.IsNullOrWhiteSpace(WebhookPath) || !WebhookPath.StartsWith('/'))
        {
            yield return Invalid(nameof(WebhookPath), $"must be a path starting with '/', for example /webhooks/messenger; it is '{WebhookPath}'");
        }

        for (var i = 0; i < Pages.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Pages[i].PageId) || !Pages[i].PageId.All(char.IsAsciiDigit))
            {
                yield return Invalid($"{nameof(Pages)}:{i}:{nameof(FacebookPage.PageId)}", "must be digits, like Meta's ids");
            }

            if (string.IsNullOrWhiteSpace(Pages[i].AccessToken))
            {
                yield return Invalid($"{nameof(Pages)}:{i}:{nameof(FacebookPage.AccessToken)}", "must not be empty");
            }
        }

        if (AllPages().Select(p => p.PageId).Distinct(StringComparer.Ordinal).Count() != AllPages().Count)
        {
            yield return Invalid(nameof(Pages), "must not repeat a PageId");
        }
    }

    private static ValidationResult Invalid(string key, string problem) =>
        new($"{Section}:{key} (env {Section}__{key.Replace(":", "__", StringComparison.Ordinal)}) {problem}.", [key]);
}

/// <summary>One Facebook Page: its id (in URLs and <c>entry[].id</c>), its name, and the Page token the Send API takes.</summary>
public sealed class FacebookPage
{
    public static readonly FacebookPage Default = new() { PageId = "2000000000000001", Name = "Acme Bakery", AccessToken = "dev-messenger-page-token" };

    public string PageId { get; set; } = "";

    public string Name { get; set; } = "";

    public string AccessToken { get; set; } = "";
}
