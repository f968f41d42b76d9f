namespace TemporalBridge.Providers.Meta;

/// <summary>
/// What a Meta provider (WhatsApp, Messenger) gives the shared webhook filter: the app secret its webhooks are
/// signed with, and how to read an authenticated body into the provider's batch of events.
/// </summary>
/// <typeparam name="TBatch">What the provider's webhook handler takes.</typeparam>
public interface IMetaWebhookReader<TBatch>
    where TBatch : class
{
    /// <summary>The provider's name, as in <see cref="ProviderNames"/>: for problem details and logs.</summary>
    string Provider { get; }

    /// <summary>The Meta app secret that signs the provider's webhooks.</summary>
    string AppSecret { get; }

    /// <summary>The body's events, or the JSON path of the first wrong field and what is wrong with it.</summary>
    (TBatch? Batch, PayloadProblem? Problem) Read(ReadOnlySpan<byte> body);
}

/// <summary>Why a payload was refused: the JSON path of the wrong field and what is wrong with it.</summary>
public sealed record PayloadProblem(string Path, string Problem);
