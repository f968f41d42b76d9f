using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Temporal;

namespace TemporalBridge.Typing;

public static class TypingExtensions
{
    /// <summary>
    /// Typing, both ways, outside Temporal: vcita's staff-typing calls shown to the client by their provider
    /// (<see cref="ITypingHandOver"/>), and <see cref="ClientTypingRelay"/> for the provider hand-over to tell vcita a
    /// client is typing. <see cref="TypingState"/> is public for the
    /// outbound send to forget the business's indicator once it replied.
    /// </summary>
    public static void AddTyping(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<UidOwners>(); // the sessions feature's; here too, so typing does not depend on the order of Add… calls
        builder.Services.AddSingleton<TypingState>();
        builder.Services.AddSingleton<SessionStateCache>();
        builder.Services.AddSingleton<ClientTypingRelay>();
        builder.Services.AddSingleton<ITypingHandOver, TypingHandOver>();
    }
}
