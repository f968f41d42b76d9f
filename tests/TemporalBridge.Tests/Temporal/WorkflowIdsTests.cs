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

    [Fact]
    public void AnOutboundDeliveryIsFoundByVcitasMessageUidWithItsSeparatorsEncoded()
    {
        WorkflowIds.OutboundDelivery("Ch4nnel", "m5g7").Should().Be("delivery-out:Ch4nnel:m5g7");
        WorkflowIds.OutboundDelivery("Ch4nnel", "a:b%3Ac").Should().Be("delivery-out:Ch4nnel:a%3Ab%253Ac");
        WorkflowIds.OutboundDelivery("Ch4nnel", "a:b").Should().NotBe(WorkflowIds.OutboundDelivery("Ch4nnel", "a%3Ab"));
    }

    [Fact]
    public void ASessionIdReadsBackIntoItsParts()
    {
        WorkflowIds.TryParseSession(WorkflowIds.Session("whatsapp", "123", "15551230001"), out var provider, out var account, out var client)
            .Should().BeTrue();
        (provider, account, client).Should().Be(("whatsapp", "123", "15551230001"));
    }

    [Theory]
    [InlineData("channel:whatsapp:123")]
    [InlineData("session:whatsapp:123")]
    [InlineData("session:whatsapp:123:456:789")]
    [InlineData("session::123:456")]
    [InlineData("ext1")]
    public void OtherIdsAreNotSessions(string id) =>
        WorkflowIds.TryParseSession(id, out _, out _, out _).Should().BeFalse();
}
