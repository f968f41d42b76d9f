using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Tests.Providers.Meta;

/// <summary>What the connect page tells a business when an onboarding call fails, by Graph's error handling guide.</summary>
public sealed class OnboardingErrorsTests
{
    [Theory]
    [InlineData(190L, 400, ProviderFailure.TokenRejected)]
    [InlineData(102L, 400, ProviderFailure.TokenRejected)]
    [InlineData(10L, 403, ProviderFailure.TokenRejected)]
    [InlineData(200L, 403, ProviderFailure.TokenRejected)]
    [InlineData(250L, 403, ProviderFailure.TokenRejected)]
    [InlineData(299L, 403, ProviderFailure.TokenRejected)]
    [InlineData(199L, 400, ProviderFailure.BadRequest)]
    [InlineData(300L, 400, ProviderFailure.BadRequest)]
    [InlineData(4L, 400, ProviderFailure.Transient)]
    [InlineData(613L, 400, ProviderFailure.Transient)]
    [InlineData(100L, 500, ProviderFailure.BadRequest)]
    [InlineData(null, 500, ProviderFailure.Transient)]
    [InlineData(null, 503, ProviderFailure.Transient)]
    [InlineData(null, 499, ProviderFailure.BadRequest)]
    [InlineData(null, null, ProviderFailure.BadRequest)]
    public void AFailureIsTheBusinesssTokenMetaBeingBusyOrARefusal(long? code, int? status, ProviderFailure expected) =>
        OnboardingErrors.Classify(new GraphErrorCode(code, null, status)).Should().Be(expected);
}
