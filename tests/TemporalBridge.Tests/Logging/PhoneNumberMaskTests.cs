using TemporalBridge.Logging;

namespace TemporalBridge.Tests.Logging;

public sealed class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+1 555 078 3881", "+1*******3881")]
    [InlineData("+15550783881", "+1*******3881")]
    [InlineData("+44 7700 900123", "+4*******0123")]
    [InlineData("972-54-123-4567", "9*******4567")]
    public void KeepsTheFirstDigitAndTheLastFour(string phone, string masked) =>
        PhoneNumberMask.Mask(phone).Should().Be(masked);

    [Fact]
    public void MaskHasTheSameWidthWhateverTheNumberLength() =>
        PhoneNumberMask.Mask("+1 555 078 3881").Length.Should().Be(PhoneNumberMask.Mask("+972 54 123 4567 89").Length);

    [Theory]
    [InlineData("12345")]
    [InlineData("call me")]
    public void HidesEverythingThatIsTooShortToBeAPhoneNumber(string text) =>
        PhoneNumberMask.Mask(text).Should().Be("*******");

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void NothingStaysNothing(string? phone) => PhoneNumberMask.Mask(phone).Should().BeEmpty();
}
