using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

/// <summary>What a student sees of hidden checks: their failures without their code, however the message reaches them.</summary>
public sealed class HiddenChecksEdgeTests
{
    private const string Cell = """
        Check.Exercise(3)
            .Returns(() => Double(2), 4, "visible")
        // BEGIN HIDDEN TESTS
            .Returns(() => Double(-3), -6, "negative numbers too")
            .Throws<ArgumentException>(() => Double(int.MaxValue), "overflow")
            .Returns(() => Double(7), 14)
        // END HIDDEN TESTS
            ;
        """;

    [Fact]
    public void Strip_LeavesOutTheHiddenBlock_AndKeepsWhatFollows()
    {
        Assert.Equal("Check.Exercise(3)\n    .Returns(() => Double(2), 4, \"visible\")\n    ;", HiddenChecks.Strip(Cell));
        Assert.Equal("a\n\nb", HiddenChecks.Strip("a\n\nb"));
    }

    [Theory]
    [InlineData("Exercise 3: Double(-3) returned -5; expected -6 — negative numbers too", "Exercise 3: a hidden check failed — negative numbers too")]
    [InlineData("Exercise 3: Double(int.MaxValue) threw nothing; expected ArgumentException — overflow", "Exercise 3: a hidden check failed — overflow")]
    [InlineData("Exercise 3: Double(7) returned 13; expected 14", "Exercise 3: a hidden check failed")]
    [InlineData("Double(7) returned 13", "Exercise: a hidden check failed")]
    [InlineData("Exercise 3: Double(2) returned 5; expected 4 — visible", "Exercise 3: Double(2) returned 5; expected 4 — visible")]
    public void Redact_AMessageQuotingAHiddenCall_KeepsOnlyTheExerciseAndHint(string message, string shown)
    {
        Assert.Equal(shown, HiddenChecks.Redact(message, Cell));
    }

    [Fact]
    public void Redact_AProbedCheckWithoutAHint_TakesTheHintFromTheGradersMessage()
    {
        const string probed = """
            Check.Exercise(2)
            // BEGIN HIDDEN TESTS
                .Reports(() => Parse("x"), probe: "4.1")
            // END HIDDEN TESTS
            ;
            """;

        Assert.Equal("Exercise 2: a hidden check failed — bad input is refused", HiddenChecks.Redact("Exercise 2: Parse(\"x\") returned 1; expected 0 — bad input is refused", probed));
        Assert.Equal("Exercise 2: a hidden check failed", HiddenChecks.Redact("Exercise 2: Parse(\"x\") returned 1 — but no expected part", probed));
        Assert.Equal("Exercise 2: a hidden check failed", HiddenChecks.Redact("Exercise 2: Parse(\"x\") threw", probed));
    }

    [Fact]
    public void Redact_ACellWithoutHiddenTests_ChangesNothing()
    {
        Assert.Equal("Exercise 1: F() returned 1", HiddenChecks.Redact("Exercise 1: F() returned 1", "Check.Exercise(1).Returns(() => F(), 2);"));
    }

    [Fact]
    public void RedactWithin_ReplacesEveryMessageInAnOutput_AndAnyOtherMentionOfTheCall()
    {
        var html = "<td>Exercise 3: Double(-3) returned -5; expected -6 — negative numbers too</td><td>ok</td>\nsee Double(7) above\nExercise 3: Double(2) returned 5";

        var shown = HiddenChecks.RedactWithin(html, Cell);

        Assert.Equal("<td>Exercise 3: a hidden check failed — negative numbers too</td><td>ok</td>\nsee (a hidden check) above\nExercise 3: Double(2) returned 5", shown);
        Assert.Equal("nothing hidden here", HiddenChecks.RedactWithin("nothing hidden here", Cell));
    }

    [Fact]
    public void AllThree_WithoutArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => HiddenChecks.Strip(null!));
        Assert.Throws<ArgumentNullException>(() => HiddenChecks.Redact(null!, Cell));
        Assert.Throws<ArgumentNullException>(() => HiddenChecks.Redact("m", null!));
        Assert.Throws<ArgumentNullException>(() => HiddenChecks.RedactWithin(null!, Cell));
        Assert.Throws<ArgumentNullException>(() => HiddenChecks.RedactWithin("t", null!));
    }
}
