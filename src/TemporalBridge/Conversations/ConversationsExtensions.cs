namespace TemporalBridge.Conversations;

public static class ConversationsExtensions
{
    /// <summary>The provider-neutral parts every messaging provider plugs into.</summary>
    public static void AddConversations(this IHostApplicationBuilder builder) =>
        builder.Services.AddSingleton<MessagingProviders>();
}
