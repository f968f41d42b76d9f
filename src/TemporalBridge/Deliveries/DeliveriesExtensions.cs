using TemporalBridge.CommunicationApp;
using TemporalBridge.Temporal;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Deliveries;

public static class DeliveriesExtensions
{
    /// <summary>Message deliveries: their workflows and activities on the worker; vcita's message-status calls
    /// routed to them in the API.</summary>
    public static void AddDeliveries(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMessageStatusHandOver, MessageStatusHandOver>();
        builder.Services.AddBridgeWorker().AddWorkflow<InboundDeliveryWorkflow>().AddScopedActivities<InboundDeliveryActivities>();
    }
}
