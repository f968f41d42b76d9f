using TemporalBridge.Conversations;
using TemporalBridge.WhatsApp.Graph;

namespace TemporalBridge.Tests.WhatsApp;

public sealed class GraphErrorCodesTests
{
    /// <summary>The facts sheet's table, one row per code; Meta answers most of them with HTTP 400.</summary>
    [Theory]
    [InlineData(131047, 400, ProviderFailure.OutsideWindow)]
    [InlineData(130429, 400, ProviderFailure.Throttled)]
    [InlineData(131056, 400, ProviderFailure.PairRateLimited)]
    [InlineData(131000, 500, ProviderFailure.Transient)]
    [InlineData(131016, 503, ProviderFailure.Transient)]
    [InlineData(133004, 503, ProviderFailure.Transient)]
    [InlineData(1, 400, ProviderFailure.Transient)]
    [InlineData(2, 503, ProviderFailure.Transient)]
    [InlineData(4, 400, ProviderFailure.Transient)]
    [InlineData(80007, 400, ProviderFailure.Transient)]
    [InlineData(131057, 400, ProviderFailure.Transient)]
    [InlineData(131026, 400, ProviderFailure.Undeliverable)]
    [InlineData(131050, 400, ProviderFailure.Undeliverable)]
    [InlineData(130403, 400, ProviderFailure.Undeliverable)]
    [InlineData(131008, 400, ProviderFailure.BadRequest)]
    [InlineData(131009, 400, ProviderFailure.BadRequest)]
    [InlineData(100, 400, ProviderFailure.BadRequest)]
    [InlineData(132000, 400, ProviderFailure.BadRequest)]
    [InlineData(132001, 404, ProviderFailure.BadRequest)]
    [InlineData(132015, 400, ProviderFailure.BadRequest)]
    [InlineData(132999, 400, ProviderFailure.BadRequest)]
    [InlineData(0, 401, ProviderFailure.TokenRejected)]
    [InlineData(190, 401, ProviderFailure.TokenRejected)]
    [InlineData(190, 400, ProviderFailure.TokenRejected)]
    public void EachDocumentedCodeHasItsKind(long code, int status, ProviderFailure kind) =>
        GraphErrorCodes.Classify(code, status).Should().Be(kind);

    [Fact]
    public void TheCodeDecidesNotTheStatus()
    {
        GraphErrorCodes.Classify(130429, 400).Should().Be(ProviderFailure.Throttled, "throughput limits come with HTTP 400");
        GraphErrorCodes.Classify(131047, 500).Should().Be(ProviderFailure.OutsideWindow);
    }

    [Theory]
    [InlineData(131999, 400, ProviderFailure.BadRequest)]
    [InlineData(133000, 400, ProviderFailure.BadRequest)]
    [InlineData(2500, 404, ProviderFailure.BadRequest)]
    [InlineData(99999, 500, ProviderFailure.Transient)]
    public void AnUnknownCodeFollowsTheStatusClass(long code, int status, ProviderFailure kind) =>
        GraphErrorCodes.Classify(code, status).Should().Be(kind);

    [Theory]
    [InlineData(500, ProviderFailure.Transient)]
    [InlineData(502, ProviderFailure.Transient)]
    [InlineData(429, ProviderFailure.Transient)]
    [InlineData(408, ProviderFailure.Transient)]
    [InlineData(401, ProviderFailure.TokenRejected)]
    [InlineData(400, ProviderFailure.BadRequest)]
    [InlineData(404, ProviderFailure.BadRequest)]
    public void WithoutACodeTheStatusDecides(int status, ProviderFailure kind) =>
        GraphErrorCodes.Classify(null, status).Should().Be(kind);
}
