using NetworkingLessons.Exercises;

namespace NetworkingLessons.Tests.Exercises;

[Collection(nameof(CheckTests))] // Check keeps one scoreboard per process
public sealed class CheckTests
{
    private static string ToDottedQuadBackwards(uint address) => string.Join(".", BitConverter.GetBytes(address));

    [Fact]
    public void Returns_WrongAnswer_MessageQuotesCallActualExpectedAndHint()
    {
        Check.Reset();

        var ex = Assert.Throws<ExerciseFailedException>(() =>
            Check.Exercise(2).Returns(() => ToDottedQuadBackwards(0xC0A80001), "192.168.0.1", "check the byte order"));

        Assert.Equal("Exercise 2: ToDottedQuadBackwards(0xC0A80001) returned \"1.0.168.192\"; expected \"192.168.0.1\" — check the byte order", ex.Message);
        Assert.Equal(2, ex.Exercise);
        var result = Assert.Single(Check.Summary().Results);
        Assert.Equal((2, ExerciseStatus.Failed), (result.Number, result.Status));
    }

    [Fact]
    public void Returns_Stub_RethrowsNotImplementedAndRecordsToDo()
    {
        Check.Reset();

        Assert.Throws<NotImplementedException>(() => Check.Exercise(1).Returns<int>(() => throw new NotImplementedException("Exercise 1"), 3));

        Assert.Equal(ExerciseStatus.ToDo, Assert.Single(Check.Summary().Results).Status);
    }

    [Fact]
    public void Returns_AnswerThrows_SaysWhatItThrew()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(3).Returns(() => int.Parse("x", System.Globalization.CultureInfo.InvariantCulture), 1));

        Assert.StartsWith("Exercise 3: int.Parse(\"x\", System.Globalization.CultureInfo.InvariantCulture) threw FormatException (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("; expected 1", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(ex.InnerException);
    }

    [Fact]
    public void Returns_Sequences_ComparedItemByItem()
    {
        Check.Reset();

        var check = Check.Exercise(4).Returns(() => new byte[] { 127, 0, 0, 1 }, [127, 0, 0, 1]);
        var ex = Assert.Throws<ExerciseFailedException>(() => check.Returns(() => new byte[] { 1, 0, 0, 127 }, [127, 0, 0, 1]));

        Assert.Contains("returned [1, 0, 0, 127]; expected [127, 0, 0, 1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllChecksPass_SummaryShowsPassedWithCount()
    {
        Check.Reset();

        var check = Check.Exercise(5).Returns(() => 1 + 1, 2).That(true, "never").Throws<FormatException>(() => int.Parse("x", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("✓ Exercise 5: 3 checks passed", check.ToString());
        var result = Assert.Single(Check.Summary().Results);
        Assert.Equal((ExerciseStatus.Passed, "3 checks passed"), (result.Status, result.Message));
        Assert.Contains("1 of 1 checked exercises passed.", Check.Summary().ToString(), StringComparison.Ordinal);
        Assert.Contains("<table>", Check.Summary().ToMimeBundle()["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Throws_NothingThrown_Fails()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(6).Throws<ArgumentException>(() => Math.Abs(1)));

        Assert.Equal("Exercise 6: Math.Abs(1) threw nothing; expected ArgumentException", ex.Message);
    }

    [Fact]
    public void Satisfies_ConditionFalse_SaysExpectation()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(7).Satisfies(() => 5, v => v > 10, "a number above 10", "count again"));

        Assert.Equal("Exercise 7: 5 returned 5; expected a number above 10 — count again", ex.Message);
    }

    [Fact]
    public void Exercise_NonPositiveNumber_Throws()
    {
        Assert.Equal("number", Assert.Throws<ArgumentOutOfRangeException>(() => Check.Exercise(0)).ParamName);
    }

    [Fact]
    public void Reset_ForgetsEarlierLesson()
    {
        Check.Exercise(9).That(true, "x");

        Check.Reset();

        Assert.Empty(Check.Summary().Results);
        Assert.Contains("No exercise has been checked yet", Check.Summary().ToString(), StringComparison.Ordinal);
    }
}
