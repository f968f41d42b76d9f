using TemporalBridge.Deliveries;

namespace TemporalBridge.Tests.Deliveries;

/// <summary>
/// vcita's statuses of a client's message only move forward (pending, channel_pending, sent, received, read), and read,
/// error and unavailable end it: a late <c>received</c> never moves a read message back, and an <c>error</c> after
/// <c>read</c> changes nothing.
/// </summary>
public sealed class VcitaMessageStatusTests
{
    [Theory]
    [InlineData("pending", "sent", "sent")]
    [InlineData("pending", "channel_pending", "channel_pending")]
    [InlineData("channel_pending", "received", "received")]
    [InlineData("sent", "received", "received")]
    [InlineData("sent", "read", "read")]
    [InlineData("received", "read", "read")]
    [InlineData("received", "sent", "received")]
    [InlineData("received", "received", "received")]
    [InlineData("received", "pending", "received")]
    [InlineData("read", "received", "read")]
    [InlineData("read", "pending", "read")]
    [InlineData("read", "error", "read")]
    [InlineData("read", "unavailable", "read")]
    [InlineData("pending", "error", "error")]
    [InlineData("received", "error", "error")]
    [InlineData("sent", "unavailable", "unavailable")]
    [InlineData("error", "read", "error")]
    [InlineData("unavailable", "read", "unavailable")]
    [InlineData("error", "unavailable", "error")]
    [InlineData("received", "deleted_by_staff", "received")]
    public void AStatusOnlyMovesForwardAndReadErrorOrUnavailableEndIt(string current, string reported, string next) =>
        VcitaMessageStatus.Next(current, reported).Should().Be(next);

    [Theory]
    [InlineData("read", true)]
    [InlineData("error", true)]
    [InlineData("unavailable", true)]
    [InlineData("received", false)]
    [InlineData("sent", false)]
    [InlineData("pending", false)]
    public void ReadErrorAndUnavailableAreFinal(string status, bool final) =>
        VcitaMessageStatus.IsFinal(status).Should().Be(final);
}
