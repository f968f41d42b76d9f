using TemporalBridge.Providers;
using TemporalBridge.Providers.Messenger.SendApi;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Tests.Providers.Messenger;

/// <summary>The facts sheet's Send API error table, code by code.</summary>
public sealed class MessengerErrorCodesTests
{
    [Theory]
    [InlineData(10, 2018278, 400, ProviderFailure.OutsideWindow)]
    [InlineData(10, null, 400, ProviderFailure.TokenRejected)]
    [InlineData(10, 2018065, 400, ProviderFailure.OutsideWindow)]
    [InlineData(10, 2534022, 400, ProviderFailure.OutsideWindow)]
    [InlineData(10, 2018108, 400, ProviderFailure.Undeliverable)]
    [InlineData(200, 1545041, 400, ProviderFailure.Undeliverable)]
    [InlineData(10, 1234567, 400, ProviderFailure.TokenRejected)]
    [InlineData(551, 1545041, 400, ProviderFailure.Undeliverable)]
    [InlineData(551, null, 400, ProviderFailure.Undeliverable)]
    [InlineData(100, 2018001, 400, ProviderFailure.Undeliverable)]
    [InlineData(100, null, 400, ProviderFailure.BadRequest)]
    [InlineData(100, 2018218, 400, ProviderFailure.BadRequest)]
    [InlineData(190, null, 401, ProviderFailure.TokenRejected)]
    [InlineData(190, 460, 400, ProviderFailure.TokenRejected)]
    [InlineData(200, null, 403, ProviderFailure.TokenRejected)]
    [InlineData(299, null, 400, ProviderFailure.TokenRejected)]
    [InlineData(230, null, 400, ProviderFailure.TokenRejected)]
    [InlineData(4, null, 400, ProviderFailure.Throttled)]
    [InlineData(32, null, 400, ProviderFailure.Throttled)]
    [InlineData(613, null, 400, ProviderFailure.Throttled)]
    [InlineData(1200, null, 500, ProviderFailure.Transient)]
    [InlineData(2, null, 503, ProviderFailure.Transient)]
    [InlineData(1, null, 400, ProviderFailure.Transient)]
    [InlineData(10904, null, 400, ProviderFailure.AccountRestricted)]
    [InlineData(9999, null, 400, ProviderFailure.BadRequest)]
    [InlineData(9999, null, 500, ProviderFailure.Transient)]
    public void EachCodeMeansWhatTheTableSays(int code, int? subcode, int status, ProviderFailure kind) =>
        MessengerErrorCodes.Classify(new GraphErrorCode(code, subcode, status)).Should().Be(kind);

    [Theory]
    [InlineData(null, ProviderFailure.Transient)]
    [InlineData(408, ProviderFailure.Transient)]
    [InlineData(429, ProviderFailure.Transient)]
    [InlineData(500, ProviderFailure.Transient)]
    [InlineData(502, ProviderFailure.Transient)]
    [InlineData(401, ProviderFailure.TokenRejected)]
    [InlineData(404, ProviderFailure.BadRequest)]
    public void WithoutACodeTheStatusSpeaks(int? status, ProviderFailure kind) =>
        MessengerErrorCodes.Classify(new GraphErrorCode(null, null, status)).Should().Be(kind);
}
