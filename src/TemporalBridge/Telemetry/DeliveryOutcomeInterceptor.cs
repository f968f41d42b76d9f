using TemporalBridge.Deliveries;
using TemporalBridge.Logging;
using TemporalBridge.Providers;
using Temporalio.Exceptions;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace TemporalBridge.Telemetry;

/// <summary>
/// Counts every delivery that ends (<see cref="BridgeMetrics.DeliveriesName"/>) and logs its end, from the worker
/// rather than from the delivery workflows: only the workflow knows a delivery's final state, but metrics are a
/// side effect that must not repeat when Temporal replays the workflow's history. The SDK's replay-safe
/// <c>Workflow.MetricMeter</c> would need a process-wide Temporal runtime with a custom meter (the SDK's
/// OpenTelemetry extension is not available to us); this interceptor applies the same guard —
/// record only outside replay — and records into the host's own <see cref="BridgeMetrics"/>, leaving the workflow
/// code untouched. It issues no command, so it cannot change what a workflow does.
/// </summary>
public sealed partial class DeliveryOutcomeInterceptor(BridgeMetrics metrics, ILogger<DeliveryOutcomeInterceptor> logger) : IWorkerInterceptor
{
    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) => new Inbound(nextInterceptor, metrics, logger);

    private sealed class Inbound(WorkflowInboundInterceptor next, BridgeMetrics metrics, ILogger logger) : WorkflowInboundInterceptor(next)
    {
        public override async Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
        {
            if (Describe(input) is not { } delivery)
            {
                return await base.ExecuteWorkflowAsync(input);
            }
            try
            {
                var result = await base.ExecuteWorkflowAsync(input);
                var (state, status) = result switch
                {
                    InboundDeliveryResult r => (r.State, r.VcitaStatus),
                    OutboundDeliveryResult r => (r.State, r.VcitaStatus),
                    _ => (DeliveryStates.Delivered, "unknown"),
                };
                Ended(delivery, state, status);
                if (result is OutboundDeliveryResult { Pricing: { } pricing } && !Workflow.Unsafe.IsReplaying)
                {
                    metrics.MessagePriced(delivery.Provider, pricing);
                }
                return result;
            }
            catch (FailureException)
            {
                // An outbound delivery tells vcita "error" before it gives up; an inbound one never reached vcita.
                Ended(delivery, DeliveryStates.Failed, delivery.Direction == DeliveryDirections.Outbound ? "error" : "none");
                throw;
            }
            catch (OperationCanceledException) when (Workflow.CancellationToken.IsCancellationRequested)
            {
                Ended(delivery, "cancelled", "none");
                throw;
            }
        }

        private void Ended(Delivery delivery, string state, string status)
        {
            if (Workflow.Unsafe.IsReplaying)
            {
                return;
            }
            metrics.DeliveryEnded(delivery.Direction, state, status);
            // The host's logger, not Workflow.Logger: the SDK's categories are kept to warnings in production, and
            // this line is already written only outside replay.
            using var scope = logger.BeginConcernScope(Workflow.Info.WorkflowId, delivery.MessageUid);
            LogEnded(logger, delivery.Direction, state, status);
        }

        private static Delivery? Describe(ExecuteWorkflowInput input) => input.Args is [var argument, ..] ? argument switch
        {
            InboundDeliveryInput d => new Delivery(DeliveryDirections.Inbound, d.Provider, InboundMessageUid.For(d.Provider, d.Message.ProviderMessageId)),
            OutboundDeliveryInput d => new Delivery(DeliveryDirections.Outbound, d.Provider, d.Message.MessageUid),
            _ => null,
        } : null;
    }

    private sealed record Delivery(string Direction, string Provider, string MessageUid);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Direction} delivery ended {State}; the message's last status in vcita: {Status}")]
    private static partial void LogEnded(ILogger logger, string direction, string state, string status);
}
