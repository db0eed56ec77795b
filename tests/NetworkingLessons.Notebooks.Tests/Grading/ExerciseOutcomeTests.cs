using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

public sealed class ExerciseOutcomeTests
{
    private static readonly Exercise Two = new(2, "Dotted quad", 3, [4, 5], [4]);

    private static CellRun Ran(int index, CellStatus status = CellStatus.Completed) => new(index + 1, status, [], index, TimeSpan.Zero);

    [Fact]
    public void Evaluate_EveryCellRanAndPassed_IsPassed_WithAllThePoints()
    {
        var outcome = Assert.Single(ExerciseOutcome.Evaluate([Two], [Ran(4), Ran(5)]));

        Assert.Equal((ExerciseState.Passed, null, 3, "passed"), (outcome.State, outcome.Message, outcome.Points, outcome.Label));
        Assert.Same(Two, outcome.Exercise);
    }

    [Fact]
    public void Evaluate_ACellMissing_IsNotRun_NamingTheFirstCellThatDidNotRun()
    {
        var outcome = Assert.Single(ExerciseOutcome.Evaluate([Two], [Ran(4)]));

        Assert.Equal((ExerciseState.NotRun, "Exercise 2: Dotted quad: the run stopped before cell 6.", 0, "not run"), (outcome.State, outcome.Message, outcome.Points, outcome.Label));
    }

    [Fact]
    public void Evaluate_TheStub_IsToDo()
    {
        var stub = Ran(4, CellStatus.Exception) with { ExceptionType = "System.NotImplementedException", ExceptionMessage = "Exercise 2" };

        var outcome = Assert.Single(ExerciseOutcome.Evaluate([Two], [stub, Ran(5)]));

        Assert.Equal((ExerciseState.ToDo, "Exercise 2: Dotted quad: not done yet.", 0, "to do"), (outcome.State, outcome.Message, outcome.Points, outcome.Label));
    }

    [Fact]
    public void Evaluate_ACellOutOfTime_IsTimedOut_WithTheEnginesMessage()
    {
        var slow = Ran(5, CellStatus.TimedOut) with { ErrorMessage = "In [5] ran past its 30 s timeout" };

        var outcome = Assert.Single(ExerciseOutcome.Evaluate([Two], [Ran(4), slow]));

        Assert.Equal((ExerciseState.TimedOut, "In [5] ran past its 30 s timeout", 0, "timed out"), (outcome.State, outcome.Message, outcome.Points, outcome.Label));
    }

    [Fact]
    public void Evaluate_ACheckThatFailed_GivesTheChecksOwnMessage_AndAnyOtherFailureTheEngines()
    {
        var check = Ran(5, CellStatus.Exception) with { ExceptionType = "NetworkingLessons.Exercises.ExerciseFailedException", ExceptionMessage = "Exercise 2: F() returned 1; expected 2", ErrorMessage = "In [5], line 1: …" };
        var crash = Ran(4, CellStatus.Exception) with { ExceptionType = "System.InvalidOperationException", ExceptionMessage = "boom", ErrorMessage = "In [4], line 3: InvalidOperationException: boom" };
        var broken = Ran(4, CellStatus.CompilationError) with { ErrorMessage = "In [4], line 1: CS1002: ; expected" };

        var failed = ExerciseOutcome.Evaluate([Two, Two], [Ran(4), check]);
        Assert.Equal((ExerciseState.Failed, "Exercise 2: F() returned 1; expected 2", "failed"), (failed[0].State, failed[0].Message, failed[0].Label));
        Assert.Equal(2, failed.Count);

        var crashed = Assert.Single(ExerciseOutcome.Evaluate([Two], [crash, Ran(5)]));
        Assert.Equal((ExerciseState.Failed, "In [4], line 3: InvalidOperationException: boom"), (crashed.State, crashed.Message));

        var uncompiled = Assert.Single(ExerciseOutcome.Evaluate([Two], [broken, Ran(5)]));
        Assert.Equal((ExerciseState.Failed, "In [4], line 1: CS1002: ; expected"), (uncompiled.State, uncompiled.Message));
    }

    [Fact]
    public void Label_OfMissing_IsMissing_AndEarnsNothing()
    {
        var outcome = new ExerciseOutcome(Two, ExerciseState.Missing, "lost its answer cell");

        Assert.Equal(("missing", 0), (outcome.Label, outcome.Points));
    }

    [Fact]
    public void Evaluate_NoArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ExerciseOutcome.Evaluate(null!, Array.Empty<CellRun>()));
        Assert.Throws<ArgumentNullException>(() => ExerciseOutcome.Evaluate([Two], (IEnumerable<CellRun>)null!));
        Assert.Throws<ArgumentNullException>(() => ExerciseOutcome.Evaluate([Two], (NotebookRun)null!));
    }
}
