using TemporalBridge.Providers;
using TemporalBridge.Sessions;

namespace TemporalBridge.Tests.Sessions;

public sealed class ReceiptWatermarksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AWatermarkMovesEveryMessageSentUpToItOncePerStatus()
    {
        var receipts = new ReceiptWatermarks();
        receipts.Add(Sent("d1", T0));
        receipts.Add(Sent("d2", T0.AddSeconds(10)));
        receipts.Add(Sent("d3", T0.AddSeconds(20)));

        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(10))).Select(m => m.DeliveryId).Should().Equal("d1", "d2");
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(10))).Should().BeEmpty("the same receipt again moves nothing");
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(20))).Select(m => m.DeliveryId).Should().Equal("d3");
    }

    [Fact]
    public void AnOlderStatusNeverMovesAMessageBackAndReadMessagesAreForgotten()
    {
        var receipts = new ReceiptWatermarks();
        receipts.Add(Sent("d1", T0));

        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Read, T0.AddSeconds(5))).Should().ContainSingle();
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(9))).Should().BeEmpty();
        receipts.Entries.Should().BeEmpty();
    }

    [Fact]
    public void ADeliveredMessageIsMovedAgainWhenItIsRead()
    {
        var receipts = new ReceiptWatermarks();
        receipts.Add(Sent("d1", T0));

        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(1))).Should().ContainSingle();
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Read, T0.AddSeconds(2))).Should().ContainSingle()
            .Which.DeliveryId.Should().Be("d1");
    }

    [Fact]
    public void EveryEarlierReceiptThatCoversALateMessageComesInTheForwardOrder()
    {
        var receipts = new ReceiptWatermarks();
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Read, T0.AddSeconds(9)));
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(9)));

        receipts.Add(Sent("d1", T0)).Select(r => r.Status).Should().Equal(ProviderDeliveryStatus.Delivered, ProviderDeliveryStatus.Read);
    }

    [Fact]
    public void AReceiptThatCameBeforeTheMessageWasNotedStillCoversIt()
    {
        var receipts = new ReceiptWatermarks();
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(5)));
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(3)));

        receipts.Add(Sent("d1", T0)).Should().Equal(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0.AddSeconds(5)));
        receipts.Add(Sent("d2", T0.AddSeconds(6))).Should().BeEmpty();
    }

    [Fact]
    public void OnlyTheNewestMessagesAreKeptAndAnEndedDeliveryIsForgotten()
    {
        var receipts = new ReceiptWatermarks();
        for (var i = 0; i <= ReceiptWatermarks.Kept; i++)
        {
            receipts.Add(Sent($"d{i}", T0.AddSeconds(i)));
        }
        receipts.Forget("d5");

        receipts.Entries.Select(e => e.DeliveryId).Should().NotContain(["d0", "d5"]).And.HaveCount(ReceiptWatermarks.Kept - 1);
    }

    [Fact]
    public void WhatIsCarriedIsRestored()
    {
        var receipts = new ReceiptWatermarks();
        receipts.Add(Sent("d1", T0));
        receipts.Apply(new ReceiptWatermark(ProviderDeliveryStatus.Delivered, T0));

        var restored = new ReceiptWatermarks();
        restored.Restore(receipts.Entries, receipts.Furthest);

        restored.Entries.Should().Equal(receipts.Entries);
        restored.Add(Sent("d2", T0)).Should().ContainSingle();
    }

    private static AwaitingReceipt Sent(string deliveryId, DateTimeOffset at) => new(deliveryId, $"m_{deliveryId}", at);
}
