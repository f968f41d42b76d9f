using TemporalBridge.Providers;
using TemporalBridge.Providers.WhatsApp.Graph;

namespace TemporalBridge.Tests.Providers.WhatsApp;

public sealed class GraphErrorCodesTests
{
    /// <summary>Meta's error-codes page for the Cloud API, one row per code, with the HTTP status Meta sends it with.</summary>
    [Theory]
    [InlineData(131047, 400, ProviderFailure.OutsideWindow)]
    [InlineData(130429, 400, ProviderFailure.Throttled)]
    [InlineData(4, 400, ProviderFailure.Throttled)]
    [InlineData(80007, 400, ProviderFailure.Throttled)]
    [InlineData(131048, 400, ProviderFailure.Throttled)]
    [InlineData(133016, 400, ProviderFailure.Throttled)]
    [InlineData(131056, 400, ProviderFailure.PairRateLimited)]
    [InlineData(131049, 400, ProviderFailure.Deferred)]
    [InlineData(131000, 500, ProviderFailure.Transient)]
    [InlineData(131016, 503, ProviderFailure.Transient)]
    [InlineData(133004, 503, ProviderFailure.Transient)]
    [InlineData(133015, 400, ProviderFailure.Transient)]
    [InlineData(1, 400, ProviderFailure.Transient)]
    [InlineData(2, 503, ProviderFailure.Transient)]
    [InlineData(131057, 500, ProviderFailure.Transient)]
    [InlineData(2494100, 400, ProviderFailure.Transient)]
    [InlineData(131026, 400, ProviderFailure.Undeliverable)]
    [InlineData(131050, 400, ProviderFailure.Undeliverable)]
    [InlineData(130472, 400, ProviderFailure.Undeliverable)]
    [InlineData(131062, 400, ProviderFailure.Undeliverable)]
    [InlineData(130497, 403, ProviderFailure.Undeliverable)]
    [InlineData(131021, 400, ProviderFailure.Undeliverable)]
    [InlineData(131008, 400, ProviderFailure.BadRequest)]
    [InlineData(131009, 400, ProviderFailure.BadRequest)]
    [InlineData(100, 400, ProviderFailure.BadRequest)]
    [InlineData(33, 400, ProviderFailure.BadRequest)]
    [InlineData(131051, 400, ProviderFailure.BadRequest)]
    [InlineData(131053, 400, ProviderFailure.BadRequest)]
    [InlineData(131055, 400, ProviderFailure.BadRequest)]
    [InlineData(131063, 400, ProviderFailure.BadRequest)]
    [InlineData(135000, 400, ProviderFailure.BadRequest)]
    [InlineData(137000, 400, ProviderFailure.BadRequest)]
    [InlineData(132000, 400, ProviderFailure.BadRequest)]
    [InlineData(132000, 500, ProviderFailure.BadRequest)]
    [InlineData(132001, 404, ProviderFailure.BadRequest)]
    [InlineData(132015, 400, ProviderFailure.BadRequest)]
    [InlineData(132999, 500, ProviderFailure.BadRequest)]
    [InlineData(0, 401, ProviderFailure.TokenRejected)]
    [InlineData(190, 401, ProviderFailure.TokenRejected)]
    [InlineData(190, 400, ProviderFailure.TokenRejected)]
    [InlineData(3, 500, ProviderFailure.TokenRejected)]
    [InlineData(10, 403, ProviderFailure.TokenRejected)]
    [InlineData(200, 403, ProviderFailure.TokenRejected)]
    [InlineData(299, 403, ProviderFailure.TokenRejected)]
    [InlineData(131005, 403, ProviderFailure.TokenRejected)]
    [InlineData(368, 403, ProviderFailure.AccountRestricted)]
    [InlineData(131031, 403, ProviderFailure.AccountRestricted)]
    [InlineData(131042, 400, ProviderFailure.AccountRestricted)]
    [InlineData(131045, 500, ProviderFailure.AccountRestricted)]
    [InlineData(133010, 400, ProviderFailure.AccountRestricted)]
    [InlineData(133000, 500, ProviderFailure.AccountRestricted)]
    public void EachDocumentedCodeHasItsKind(long code, int status, ProviderFailure kind) =>
        GraphErrorCodes.Classify(code, status).Should().Be(kind);

    [Fact]
    public void TheCodeDecidesNotTheStatus()
    {
        GraphErrorCodes.Classify(130429, 400).Should().Be(ProviderFailure.Throttled, "throughput limits come with HTTP 400");
        GraphErrorCodes.Classify(131047, 500).Should().Be(ProviderFailure.OutsideWindow);
    }

    /// <summary>Just outside the ranges the table names, a code is unknown: its HTTP status decides.</summary>
    [Theory]
    [InlineData(131999, 400, ProviderFailure.BadRequest)]
    [InlineData(131999, 500, ProviderFailure.Transient)]
    [InlineData(133001, 500, ProviderFailure.Transient)]
    [InlineData(199, 500, ProviderFailure.Transient)]
    [InlineData(300, 500, ProviderFailure.Transient)]
    [InlineData(130403, 400, ProviderFailure.BadRequest)]
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
