namespace TemporalBridge.Providers;

/// <summary>What the connect page starts a provider's dialog with: the provider's Meta app and its login configuration.</summary>
public sealed record ConnectDialog(string AppId, string ConfigId);

/// <summary>How a provider's dialog ends: with the account chosen in it (Embedded Signup), or with a login after which
/// the business picks accounts on the page (Facebook Login's Pages).</summary>
public enum ConnectFlow
{
    ChosenInDialog,
    PickedAfterLogin,
}

/// <summary>
/// A provider whose accounts a business connects itself, through the provider's own dialog on the connect page. The
/// flows differ per provider (each maps its own connect endpoints); what they share is here.
/// </summary>
public interface IAccountConnector
{
    string Provider { get; }

    /// <summary>The dialog's settings; null when the provider's app is not configured for it (the page says so).</summary>
    ConnectDialog? Dialog { get; }

    ConnectFlow Flow { get; }

    /// <summary>What one account is called on the page ("number", "Facebook Page").</summary>
    string AccountNoun { get; }

    /// <summary>What the business will go through, in a sentence or two.</summary>
    string Explanation { get; }

    /// <summary>Stops the app's webhooks for an account the bridge subscribed (a Page), or for its group (a WhatsApp
    /// Business Account; the caller asks only once no other channel of that group is left).</summary>
    Task UnsubscribeAsync(string accountId, string? accountGroupId, string accessToken, CancellationToken cancellationToken);
}

/// <summary>Finds the <see cref="IAccountConnector"/> of a provider.</summary>
public sealed class AccountConnectors(IEnumerable<IAccountConnector> connectors)
{
    public IReadOnlyList<IAccountConnector> All { get; } = [.. connectors.OrderBy(c => c.Provider, StringComparer.Ordinal)];

    public IAccountConnector? Find(string provider) => All.FirstOrDefault(c => c.Provider == provider);
}
