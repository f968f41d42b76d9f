namespace TemporalBridge.Providers;

/// <summary>How each messaging provider is named where people read it (vcita's channel picker, the admin list).</summary>
public static class ProviderNames
{
    public const string WhatsApp = "whatsapp";
    public const string Messenger = "messenger";

    public static string Title(string provider) => provider switch
    {
        WhatsApp => "WhatsApp",
        Messenger => "Messenger",
        _ => provider,
    };
}
