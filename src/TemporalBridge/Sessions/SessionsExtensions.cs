using TemporalBridge.CommunicationApp;
using TemporalBridge.Temporal;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Sessions;

public static class SessionsExtensions
{
    /// <summary>Conversations: the session workflow and its activities on the worker; vcita's session-status
    /// calls routed to it in the API.</summary>
    public static void AddSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContactCache>();
        builder.Services.AddSingleton<ISessionStatusHandOver, SessionStatusHandOver>();
        builder.Services.AddBridgeWorker().AddWorkflow<SessionWorkflow>().AddScopedActivities<SessionActivities>();
    }
}
