namespace TemporalBridge.Sessions;

/// <summary>Splits a messaging profile name into vcita's first and last name.</summary>
public static class ContactNames
{
    /// <summary>"Maria da Silva" → ("Maria", "da Silva"); a missing name → the fallback as first name.</summary>
    public static (string First, string Last) Split(string? profileName, string fallback)
    {
        var name = string.IsNullOrWhiteSpace(profileName) ? fallback : profileName.Trim();
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (name, "") : (name[..space], name[(space + 1)..].Trim());
    }
}
