using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Channels;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Temporal;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Deliveries;

public static class DeliveriesExtensions
{
    /// <summary>Message deliveries both ways: their workflows and activities on the worker; in the API, vcita's
    /// staff messages and message statuses, and the providers' statuses, routed to them.</summary>
    public static void AddDeliveries(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMessageStatusHandOver, MessageStatusHandOver>();
        builder.Services.AddSingleton<IStaffMessageHandOver, StaffMessageHandOver>();
        builder.Services.AddSingleton<ProviderStatusHandOver>();
        builder.Services.AddSingleton<OutboundMessageIds>();
        builder.Services.AddSingleton<ChannelTemplates>();
        builder.Services.AddSingleton<DeliveryAttempts>();
        // When a staff message went, for watermark receipts.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddBridgeWorker()
            .AddWorkflow<InboundDeliveryWorkflow>()
            .AddScopedActivities<InboundDeliveryActivities>()
            .AddWorkflow<OutboundDeliveryWorkflow>()
            .AddScopedActivities<OutboundDeliveryActivities>();
    }
}
