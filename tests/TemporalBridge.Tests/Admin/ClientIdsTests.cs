using TemporalBridge.Admin;

namespace TemporalBridge.Tests.Admin;

public sealed class ClientIdsTests
{
    [Theory]
    [InlineData("+1 (555) 123-0001", "15551230001")]
    [InlineData("15551230001", "15551230001")]
    [InlineData("US.13491208655302741918", "US.13491208655302741918")]
    [InlineData("6577309523014390", "6577309523014390")]
    public void APhoneNumberIsItsDigitsAndAnyOtherIdStaysAsGiven(string given, string normalized)
    {
        ClientIds.Check(given).Should().BeNull();
        ClientIds.Normalize(given).Should().Be(normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1555'")]
    [InlineData("../1")]
    [InlineData("a b")]
    public void AnythingElseIsRefused(string given) =>
        ClientIds.Check(given).Should().NotBeNull();
}
