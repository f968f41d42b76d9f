using TemporalBridge.Deliveries;
using TemporalBridge.Providers;

namespace TemporalBridge.Tests.Deliveries;

public sealed class ProviderDeliveryStatusesTests
{
    [Theory]
    [InlineData(null, ProviderDeliveryStatus.Sent, ProviderDeliveryStatus.Sent)]
    [InlineData(null, ProviderDeliveryStatus.Read, ProviderDeliveryStatus.Read)]
    [InlineData(ProviderDeliveryStatus.Sent, ProviderDeliveryStatus.Delivered, ProviderDeliveryStatus.Delivered)]
    [InlineData(ProviderDeliveryStatus.Sent, ProviderDeliveryStatus.Read, ProviderDeliveryStatus.Read)]
    [InlineData(ProviderDeliveryStatus.Delivered, ProviderDeliveryStatus.Sent, ProviderDeliveryStatus.Delivered)]
    [InlineData(ProviderDeliveryStatus.Read, ProviderDeliveryStatus.Delivered, ProviderDeliveryStatus.Read)]
    [InlineData(ProviderDeliveryStatus.Read, ProviderDeliveryStatus.Failed, ProviderDeliveryStatus.Read)]
    [InlineData(ProviderDeliveryStatus.Sent, ProviderDeliveryStatus.Failed, ProviderDeliveryStatus.Failed)]
    [InlineData(ProviderDeliveryStatus.Failed, ProviderDeliveryStatus.Read, ProviderDeliveryStatus.Failed)]
    [InlineData(ProviderDeliveryStatus.Delivered, ProviderDeliveryStatus.Delivered, ProviderDeliveryStatus.Delivered)]
    public void StatusesOnlyMoveForwardAndReadOrFailedEndIt(ProviderDeliveryStatus? current, ProviderDeliveryStatus reported, ProviderDeliveryStatus next) =>
        ProviderDeliveryStatuses.Next(current, reported).Should().Be(next);

    [Theory]
    [InlineData(ProviderDeliveryStatus.Sent, "sent")]
    [InlineData(ProviderDeliveryStatus.Delivered, "received")]
    [InlineData(ProviderDeliveryStatus.Read, "read")]
    [InlineData(ProviderDeliveryStatus.Failed, "error")]
    public void VcitaIsToldInItsOwnWords(ProviderDeliveryStatus status, string vcita) =>
        ProviderDeliveryStatuses.ToVcita(status).Should().Be(vcita);
}
