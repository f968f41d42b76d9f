namespace TemporalBridge.Privacy;

/// <summary>
/// Names the provider's person who connected an account (Meta's app-scoped user id) where it is searched for and shown:
/// a keyed pseudonym (<see cref="ClientPseudonyms"/>' key), so the id itself is never a search attribute. Its own
/// prefix keeps it apart from clients' pseudonyms.
/// </summary>
public static class ConnectedByPseudonym
{
    public static string Of(string providerUserId) => ClientPseudonyms.Of($"connected-by:{providerUserId}");
}
