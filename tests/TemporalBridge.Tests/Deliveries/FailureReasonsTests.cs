using TemporalBridge.Deliveries;
using TemporalBridge.Providers;

namespace TemporalBridge.Tests.Deliveries;

public sealed class FailureReasonsTests
{
    [Theory]
    [InlineData(ProviderFailure.OutsideWindow, "24 hours")]
    [InlineData(ProviderFailure.Undeliverable, "cannot receive WhatsApp messages")]
    [InlineData(ProviderFailure.BadRequest, "refused the message")]
    [InlineData(ProviderFailure.TokenRejected, "access token")]
    [InlineData(ProviderFailure.PairRateLimited, "too many messages")]
    [InlineData(ProviderFailure.Throttled, "retries ran out")]
    public void EachSendFailureHasAReasonStaffCanActOn(ProviderFailure kind, string words) =>
        FailureReasons.ForSendFailure("whatsapp", ProviderApiException.ToErrorType(kind)).Should().Contain(words);

    [Fact]
    public void AReportedFailureNamesTheProvidersTitleAndCode() =>
        FailureReasons.ForReportedFailure("whatsapp", new ProviderError("131026", "Message undeliverable"))
            .Should().Be("Not delivered: Message undeliverable (WhatsApp error 131026).");

    [Theory]
    [InlineData("ProviderFailure.OutsideWindow", "24 hours")]
    [InlineData("whatsapp.131026", "error 131026")]
    [InlineData("VcitaPermanent", "vcita did not take")]
    public void AListedErrorCodeReadsAsAReason(string code, string words) =>
        FailureReasons.ForErrorCode("whatsapp", code).Should().Contain(words);
}
