using TemporalBridge.Channels;

namespace TemporalBridge.Tests.Channels;

/// <summary>The visibility queries the revocations and the connect flows find running channels with, word for word:
/// Temporal's list filter takes exactly this SQL-like form.</summary>
public sealed class ChannelQueriesTests
{
    private const string RunningChannels = "WorkflowType = 'ChannelWorkflow' AND ExecutionStatus = 'Running' AND ";

    [Fact]
    public void APersonsChannelsOfEveryProvider() =>
        ChannelQueries.Running(new ChannelSearch(["whatsapp", "messenger"], "person-pseudonym", null))
            .Should().Be(RunningChannels + "BridgeProvider IN ('whatsapp', 'messenger') AND BridgeConnectedBy = 'person-pseudonym'");

    [Fact]
    public void AnAccountGroupsOtherChannels() =>
        ChannelQueries.Running(new ChannelSearch(["whatsapp"], null, "102290129340398"), except: "channel:whatsapp:1")
            .Should().Be(RunningChannels + "BridgeProvider IN ('whatsapp') AND BridgeAccountGroupId = '102290129340398' AND WorkflowId != 'channel:whatsapp:1'");

    [Fact]
    public void APersonAndAGroupTogether() =>
        ChannelQueries.Running(new ChannelSearch(["whatsapp"], "person-pseudonym", "102290129340398"))
            .Should().Be(RunningChannels + "BridgeProvider IN ('whatsapp') AND BridgeConnectedBy = 'person-pseudonym' AND BridgeAccountGroupId = '102290129340398'");
}
