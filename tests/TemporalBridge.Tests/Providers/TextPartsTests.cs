using TemporalBridge.Providers;

namespace TemporalBridge.Tests.Providers;

public sealed class TextPartsTests
{
    [Fact]
    public void ATextWithinTheLimitIsOnePartAsItIs()
    {
        TextParts.Split("  Hello\n", 8).Should().Equal("  Hello\n");
        TextParts.Split("", 5).Should().Equal("");
    }

    [Fact]
    public void ALongerTextIsCutAfterTheLastLineBreakThatFits()
    {
        TextParts.Split("one two\nthree four five", 15).Should().Equal("one two", "three four five");
    }

    [Fact]
    public void WithoutALineBreakItIsCutAfterTheLastSpaceThatFits()
    {
        TextParts.Split("alpha beta gamma delta", 11).Should().Equal("alpha beta", "gamma delta");
    }

    [Fact]
    public void AWordLongerThanTheLimitIsCutBetweenCharacters()
    {
        TextParts.Split("abcdefghij", 4).Should().Equal("abcd", "efgh", "ij");
    }

    [Fact]
    public void CharactersAreCountedAsCodePointsAndAnEmojiWithItsModifierStaysWhole()
    {
        // 👍🏽 is two code points (four UTF-16 units); a cut may not split it.
        TextParts.Split("😀😀😀", 2).Should().Equal("😀😀", "😀");
        TextParts.Split("ab👍🏽", 3).Should().Equal("ab", "👍🏽");
    }

    [Fact]
    public void EveryPartFitsAndTogetherTheyKeepEveryWordInOrder()
    {
        var words = Enumerable.Range(0, 700).Select(i => $"word{i}").ToList();
        var text = string.Join(' ', words);

        var parts = TextParts.Split(text, 2000);

        parts.Should().HaveCountGreaterThan(1).And.OnlyContain(p => p.EnumerateRunes().Count() <= 2000);
        string.Join(' ', parts).Split(' ').Should().Equal(words);
    }

    [Fact]
    public void ABreakAtTheVeryStartIsNoPlaceToCutAndWhitespaceLeftOverMakesNoPart()
    {
        TextParts.Split("\nabc def", 5).Should().Equal("\nabc", "def");
        TextParts.Split(" abcdef", 4).Should().Equal(" abc", "def");
        TextParts.Split("abcd    ", 4).Should().Equal("abcd");
    }

    [Fact]
    public void ACharacterLongerThanTheLimitStillGoesWhole() =>
        TextParts.Split("👍🏽a", 1).Should().Equal("👍🏽", "a");

    [Fact]
    public void ALimitBelowOneIsRefused() =>
        ((Action)(() => TextParts.Split("hi", 0))).Should().Throw<ArgumentOutOfRangeException>();
}
