using TemporalBridge.Temporal;

namespace TemporalBridge.Tests.Temporal;

public sealed class WorkflowIdsTests
{
    [Fact]
    public void ChannelIdIsPrefixedAndDeterministic()
    {
        WorkflowIds.Channel("whatsapp", "1234567890").Should().Be("channel:whatsapp:1234567890");
        WorkflowIds.Channel("whatsapp", "1234567890").Should().Be(WorkflowIds.Channel("whatsapp", "1234567890"));
    }

    [Theory]
    [InlineData("whatsapp", "")]
    [InlineData("whats:app", "1")]
    public void PartsThatCouldCollideAreRejected(string provider, string accountId)
    {
        var build = () => WorkflowIds.Channel(provider, accountId);

        build.Should().Throw<ArgumentException>();
    }
}
