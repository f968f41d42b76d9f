using TemporalBridge.Pacing;

namespace TemporalBridge.Providers;

/// <summary>
/// What a provider allows and how it behaves, in the neutral words the bridge's shared code decides by: how long a
/// text may be, what may be sent once the client has been silent, how the business's typing indicator works, and how
/// fast the provider may be called. Each provider states its own (<see cref="IMessagingProvider.Capabilities"/>).
/// </summary>
public sealed record ProviderCapabilities
{
    /// <summary>The longest text one message may carry, counted in code points; a longer staff message goes as
    /// several messages, in order.</summary>
    public required int MaxTextLength { get; init; }

    /// <summary>What the provider accepts once 24 hours have passed since the client's last message (both providers'
    /// free window).</summary>
    public required AfterWindow AfterWindow { get; init; }

    public required TypingIndicator Typing { get; init; }

    public required ProviderPace Pace { get; init; }

    /// <summary>Whether an account can only be connected with its own access token (no default token to fall back to).</summary>
    public required bool CredentialsRequired { get; init; }
}

/// <summary>What a provider accepts once its free window has closed.</summary>
public enum AfterWindow
{
    /// <summary>Only a pre-approved template (WhatsApp): the channel's template goes in place of the text.</summary>
    Template,

    /// <summary>A reply written by a person, marked as such, for a while longer (Messenger's <c>HUMAN_AGENT</c> tag,
    /// up to 7 days, which Meta must have granted the app): the provider's send marks it so itself.</summary>
    HumanReplyTag,

    /// <summary>Nothing: the message fails with a reason staff can read.</summary>
    Nothing,
}

/// <summary>How the business's typing indicator is shown to a client.</summary>
/// <param name="OnClientMessage">Shown on one of the client's messages, so there must be one (WhatsApp, which shows
/// it with a read receipt); otherwise shown to the person (Messenger).</param>
/// <param name="CanHide">Whether the provider has a call to hide it before it goes by itself.</param>
/// <param name="ShownFor">How long it shows unless the business replies (WhatsApp 25 s, Messenger 20 s).</param>
public sealed record TypingIndicator(bool OnClientMessage, bool CanHide, TimeSpan ShownFor);

/// <summary>How fast the provider may be called: message calls per second per connected account (a number, a Page:
/// <see cref="Meta.GraphPacingHandler"/>), and, where the provider limits it, how often one client may be written to.</summary>
public sealed record ProviderPace(int MessagesPerSecond, Rate? PerClient);
