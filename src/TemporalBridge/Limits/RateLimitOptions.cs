using Microsoft.Extensions.Options;

namespace TemporalBridge.Limits;

/// <summary>
/// The <c>RateLimits</c> section: how many requests each endpoint group takes per window and partition before it
/// answers 429. Each is a fixed window: <c>RateLimits__{Group}__Permits</c> requests per
/// <c>RateLimits__{Group}__WindowSeconds</c>. The defaults are far above what honest callers send, so only a
/// runaway client or an attack meets them.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Meta's webhooks, per client IP. Meta bursts hundreds a second for a busy account (each message and each of
    /// its statuses is a call) and a 429 only delays events it then retries, so this is generous: 1,000 a second.
    /// </summary>
    public WindowLimit WhatsApp { get; set; } = new() { Permits = 1000, WindowSeconds = 1 };

    /// <summary>Meta's Page webhooks, per client IP, sized like <see cref="WhatsApp"/>'s for the same reasons.</summary>
    public WindowLimit Messenger { get; set; } = new() { Permits = 1000, WindowSeconds = 1 };

    /// <summary>vcita, recognised by its shared secret: one caller for all businesses (staff messages, statuses, typing).</summary>
    public WindowLimit Vcita { get; set; } = new() { Permits = 500, WindowSeconds = 1 };

    /// <summary>Operators holding the admin key.</summary>
    public WindowLimit Admin { get; set; } = new() { Permits = 600, WindowSeconds = 60 };

    /// <summary>Operators holding the codec token: the Temporal UI decodes every page of history it shows.</summary>
    public WindowLimit Codec { get; set; } = new() { Permits = 1200, WindowSeconds = 60 };

    /// <summary>Browsers connecting a business, per client IP: a person clicks through it a few times at most.</summary>
    public WindowLimit OAuth { get; set; } = new() { Permits = 30, WindowSeconds = 60 };

    /// <summary>
    /// Calls to /vcita, /admin or /codec without the right credential, per client IP: they cannot use up the budget
    /// of the caller they pretend to be, and guessing a secret is slow.
    /// </summary>
    public WindowLimit Unauthenticated { get; set; } = new() { Permits = 60, WindowSeconds = 60 };
}

public sealed class WindowLimit
{
    public int Permits { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>Checked at start: a limit of nothing would refuse every call; the error names the variable to fix.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(nameof(options.WhatsApp), options.WhatsApp);
        Check(nameof(options.Messenger), options.Messenger);
        Check(nameof(options.Vcita), options.Vcita);
        Check(nameof(options.Admin), options.Admin);
        Check(nameof(options.Codec), options.Codec);
        Check(nameof(options.OAuth), options.OAuth);
        Check(nameof(options.Unauthenticated), options.Unauthenticated);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string group, WindowLimit limit)
        {
            if (limit.Permits is < 1 or > 1_000_000)
            {
                failures.Add($"{RateLimitOptions.Section}:{group}:Permits must be between 1 and 1000000 (environment variable {RateLimitOptions.Section}__{group}__Permits)");
            }

            if (limit.WindowSeconds is < 1 or > 3600)
            {
                failures.Add($"{RateLimitOptions.Section}:{group}:WindowSeconds must be between 1 and 3600 (environment variable {RateLimitOptions.Section}__{group}__WindowSeconds)");
            }
        }
    }
}
