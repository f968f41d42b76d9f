using TemporalBridge.Hosting;

namespace TemporalBridge.Tests.Hosting;

public sealed class SharedSecretTests
{
    [Theory]
    [InlineData("the-secret", "the-secret", true)]
    [InlineData("the-secret", "the-secreT", false)]
    [InlineData("the-secret", "the-secret ", false)]
    [InlineData(null, "the-secret", false)]
    [InlineData("", "", false)]
    [InlineData(null, "", false)]
    public void OnlyTheConfiguredNonEmptySecretMatches(string? presented, string expected, bool matches) =>
        SharedSecret.Matches(presented, expected).Should().Be(matches, "an unset secret must never let an empty one in");
}
