using TemporalBridge.Channels;

namespace TemporalBridge.Tests.Channels;

public sealed class ChannelStatusTests
{
    [Theory]
    [InlineData("creating", "pending", "pending")]
    [InlineData("creating", "active", "active")]
    [InlineData("pending", "active", "active")]
    [InlineData("active", "pending", "active")]
    [InlineData("active", "inactive", "inactive")]
    [InlineData("inactive", "active", "active")]
    [InlineData("active", "blocked", "blocked")]
    [InlineData("active", "error", "error")]
    [InlineData("active", "deleted", "deleted")]
    [InlineData("deleted", "active", "deleted")]
    [InlineData("active", "archived", "active")]
    public void AReportedStatusMovesTheChannelOnlyWhereVcitaCan(string current, string reported, string next) =>
        ChannelStatus.Next(current, reported).Should().Be(next);
}
