using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

public class HiddenChecksTests
{
    private const string Cell = """
        Check.Exercise(1)
            .Returns(() => Double(2), 4, "twice two")
        // BEGIN HIDDEN TESTS
            .Returns(() => Double(-3), -6, "negative numbers too")
            .ReturnsLessThan(() => Half(9), 4, "less than four")
            .Throws<ArgumentException>(() => Half(-1), "no negatives")
            .Returns(() => Triple(1), 3)
        // END HIDDEN TESTS
        """;

    [Fact]
    public void Strip_LeavesOutTheHiddenBlockAndItsMarkers()
    {
        var shown = HiddenChecks.Strip(Cell);
        Assert.Contains("Double(2)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Double(-3)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("HIDDEN", shown, StringComparison.Ordinal);
        Assert.Equal("x\ny", HiddenChecks.Strip("x\ny"));
    }

    [Theory]
    [InlineData("Exercise 1: Double(-3) returned -5; expected -6 — negative numbers too", "Exercise 1: a hidden check failed — negative numbers too")]
    [InlineData("Exercise 1: Half(9) returned 4.5; expected less than 4 — less than four", "Exercise 1: a hidden check failed — less than four")]
    [InlineData("Exercise 1: Half(-1) threw nothing; expected ArgumentException — no negatives", "Exercise 1: a hidden check failed — no negatives")]
    [InlineData("Exercise 1: Triple(1) returned 2; expected 3", "Exercise 1: a hidden check failed")]
    [InlineData("Exercise 1: Double(2) returned 5; expected 4 — twice two", "Exercise 1: Double(2) returned 5; expected 4 — twice two")]
    public void Redact_OnlyMessagesQuotingAHiddenCall(string message, string shown) => Assert.Equal(shown, HiddenChecks.Redact(message, Cell));

    [Fact]
    public void Redact_CellWithoutHiddenTests_Unchanged() =>
        Assert.Equal("Exercise 2: X() returned 1", HiddenChecks.Redact("Exercise 2: X() returned 1", "Check.Exercise(2).Returns(() => X(), 2);"));

    [Fact]
    public void Redact_AProbedCell_KeepsTheHintTheGradersMessageCarries()
    {
        // The student's run has Reports in place of Returns, with no hint and no expected value.
        var (probed, _) = CheckProbes.Rewrite(Cell, 4, CheckProbes.Side.Actual);

        Assert.Equal("Exercise 1: a hidden check failed — negative numbers too",
            HiddenChecks.Redact("Exercise 1: Double(-3) returned -5; expected -6 — negative numbers too", probed));
        Assert.Equal("Exercise 1: a hidden check failed",
            HiddenChecks.Redact("Exercise 1: Triple(1) returned 2; expected 3", probed));
        Assert.Equal("Exercise 1: Double(2) returned 5; expected 4 — twice two",
            HiddenChecks.Redact("Exercise 1: Double(2) returned 5; expected 4 — twice two", probed));
    }
}
