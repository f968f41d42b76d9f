using System.ComponentModel.DataAnnotations;

namespace TemporalBridge.Sandbox.WhatsApp;

/// <summary>
/// The WhatsApp Cloud API emulator's settings (section <c>WhatsAppEmulator</c>, env <c>WhatsAppEmulator__*</c>). Every
/// default is a development value matching the bridge's development settings, so compose works without a .env file.
/// </summary>
public sealed class WhatsAppEmulatorOptions : IValidatableObject
{
    public const string Section = "WhatsAppEmulator";

    /// <summary>Key of the <c>X-Hub-Signature-256</c> HMAC on every webhook (the bridge's WhatsApp app secret).</summary>
    public string AppSecret { get; set; } = "dev-whatsapp-app-secret";

    /// <summary>The bearer token the Graph API accepts (the bridge's system-user access token).</summary>
    public string AccessToken { get; set; } = "dev-whatsapp-access-token";

    /// <summary>Where webhooks go, relative to <c>Sandbox__BridgeBaseUrl</c>.</summary>
    public string WebhookPath { get; set; } = "/webhooks/whatsapp";

    /// <summary>The WhatsApp Business Account id: <c>entry[].id</c> of every webhook.</summary>
    public string WabaId { get; set; } = "1000000000000001";

    /// <summary>The Meta app's id, for Embedded Signup's code exchange and <c>debug_token</c>; its secret is <see cref="AppSecret"/>.</summary>
    public string AppId { get; set; } = "1000000000000003";

    /// <summary>
    /// The business phone numbers the Graph API knows; the first is the default receiver of users' messages. Empty:
    /// one development number (phone_number_id 1234567890, display 15550783881). A list rather than one number because
    /// one webhook may carry updates for several numbers.
    /// </summary>
    public List<BusinessNumber> BusinessNumbers { get; set; } = [];

    /// <summary>Time between the automatic statuses of a sent message (<c>sent</c> at once, <c>delivered</c> this much later).</summary>
    [Range(0, 600_000)]
    public int StatusDelayMs { get; set; } = 1_000;

    /// <summary>Attempts per webhook (the first included) before it is recorded as failed.</summary>
    [Range(1, 20)]
    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt of a refused webhook; doubles for every further attempt, like Meta's backoff.</summary>
    [Range(0, 600_000)]
    public int WebhookRetryDelayMs { get; set; } = 1_000;

    /// <summary>How long one webhook attempt may take before it counts as failed.</summary>
    [Range(100, 300_000)]
    public int WebhookTimeoutMs { get; set; } = 10_000;

    /// <summary>How long a media URL from <c>GET /{media-id}</c> works, as at Meta.</summary>
    [Range(1, 86_400)]
    public int MediaUrlLifetimeSeconds { get; set; } = 300;

    /// <summary>The configured numbers, or the one development number when none is configured.</summary>
    public IReadOnlyList<BusinessNumber> Numbers() => BusinessNumbers.Count > 0 ? BusinessNumbers : [BusinessNumber.Default];

    /// <summary>The number with <paramref name="phoneNumberId"/>, the first when it is null, or null when none has it.</summary>
    public BusinessNumber? Number(string? phoneNumberId) =>
        phoneNumberId is null ? Numbers()[0] : Numbers().FirstOrDefault(n => n.PhoneNumberId == phoneNumberId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(AppSecret), AppSecret), (nameof(AccessToken), AccessToken), (nameof(WabaId), WabaId) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return Invalid(name, "must not be empty");
            }
        }

        if (string.IsNullOrWhiteSpace(WebhookPath) || !WebhookPath.StartsWith('/'))
        {
            yield return Invalid(nameof(WebhookPath), $"must be a path starting with '/', for example /webhooks/whatsapp; it is '{WebhookPath}'");
        }

        for (var i = 0; i < BusinessNumbers.Count; i++)
        {
            var number = BusinessNumbers[i];
            if (string.IsNullOrWhiteSpace(number.PhoneNumberId) || !number.PhoneNumberId.All(char.IsAsciiDigit))
            {
                yield return Invalid($"{nameof(BusinessNumbers)}:{i}:{nameof(BusinessNumber.PhoneNumberId)}", "must be digits, like Meta's ids");
            }

            if (string.IsNullOrWhiteSpace(number.DisplayPhoneNumber) || !number.DisplayPhoneNumber.All(char.IsAsciiDigit))
            {
                yield return Invalid($"{nameof(BusinessNumbers)}:{i}:{nameof(BusinessNumber.DisplayPhoneNumber)}", "must be digits, e.g. 15550783881");
            }
        }

        if (Numbers().Select(n => n.PhoneNumberId).Distinct(StringComparer.Ordinal).Count() != Numbers().Count)
        {
            yield return Invalid(nameof(BusinessNumbers), "must not repeat a PhoneNumberId");
        }
    }

    private static ValidationResult Invalid(string key, string problem) =>
        new($"{Section}:{key} (env {Section}__{key.Replace(":", "__", StringComparison.Ordinal)}) {problem}.", [key]);
}

/// <summary>One business phone number: Graph API id (in URLs and webhook metadata) and the number users see.</summary>
public sealed class BusinessNumber
{
    public static readonly BusinessNumber Default = new() { PhoneNumberId = "1234567890", DisplayPhoneNumber = "15550783881" };

    public string PhoneNumberId { get; set; } = "";

    public string DisplayPhoneNumber { get; set; } = "";

    /// <summary>The business name Meta verified for the number: what Embedded Signup's channels are named by.</summary>
    public string VerifiedName { get; set; } = "Acme Bakery";
}
