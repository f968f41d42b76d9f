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
    public void ASessionIdNamesTheClientByTheirPseudonymAndReadsBackIntoProviderAndAccount()
    {
        var id = WorkflowIds.Session("whatsapp", "123", "15551230001");

        id.Should().Be($"session:whatsapp:123:{TemporalBridge.Privacy.ClientPseudonyms.Of("15551230001")}").And.NotContain("15551230001");
        WorkflowIds.Session("whatsapp", "123", "15551230001").Should().Be(id, "the same client is always the same conversation");
        WorkflowIds.Session("whatsapp", "123", "15551230002").Should().NotBe(id);
        WorkflowIds.TryParseSession(id, out var provider, out var account).Should().BeTrue();
        (provider, account).Should().Be(("whatsapp", "123"));
    }

    [Theory]
    [InlineData("channel:whatsapp:123")]
    [InlineData("session:whatsapp:123")]
    [InlineData("session:whatsapp:123:456:789")]
    [InlineData("session::123:456")]
    [InlineData("ext1")]
    public void OtherIdsAreNotSessions(string id) =>
        WorkflowIds.TryParseSession(id, out _, out _).Should().BeFalse();
}
