using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Temporal;

namespace TemporalBridge.Typing;

public static class TypingExtensions
{
    /// <summary>
    /// Staff typing, outside Temporal: vcita's typing calls shown to the client by their provider
    /// (<see cref="IStaffTypingRelay"/>). No provider reports a client typing (WhatsApp and Messenger have no such
    /// event), so nothing goes the other way. <see cref="TypingState"/> is public for the outbound send to forget
    /// the business's indicator once it replied.
    /// </summary>
    public static void AddTyping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TypingState>();
        builder.Services.AddSingleton<SessionStateCache>();
        builder.Services.AddSingleton<IStaffTypingRelay, StaffTypingRelay>();
    }
}
