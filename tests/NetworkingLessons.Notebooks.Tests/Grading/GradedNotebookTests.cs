using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

/// <summary>
/// The notebook the autograder runs: the instructor's source with only the answers taken from the
/// student, found by cell id, by position, or by their place after the exercise's heading.
/// </summary>
public sealed class GradedNotebookTests
{
    private const string SourcePath = "/course/notebooks/solutions/02-x.dib";

    private static string Answer(string name, string body) => $"int {name}() =>\n// BEGIN SOLUTION\n    {body};\n// END SOLUTION\n";

    private static Notebook Source() => new(
    [
        NotebookCell.Markdown("# Lesson"),
        NotebookCell.Code("var setup = 1;"),
        NotebookCell.Markdown("### Exercise 1: One"),
        NotebookCell.Code(Answer("One", "1")),
        NotebookCell.Code("Check.Exercise(1).Returns(() => One(), 1);"),
        NotebookCell.Markdown("### Exercise 2: Two"),
        NotebookCell.Code(Answer("Two", "2")),
        NotebookCell.Code("Check.Exercise(2).Returns(() => Two(), 2);"),
    ]);

    private static Notebook StudentCopyOf(Notebook source) =>
        StudentCopy.Create(source, SourcePath, "/course/notebooks/02-x.ipynb", null, null, "index.html");

    private static NotebookCell CellWithId(Notebook notebook, string id) => notebook.Cells.Single(c => c.Id == id);

    [Fact]
    public void Build_TakesTheAnswersByCellId_AndEverythingElseFromTheSource()
    {
        var source = Source();
        var submission = StudentCopyOf(source);
        CellWithId(submission, "cell-4").Source = "int One() => 1;";
        CellWithId(submission, "cell-7").Source = "int Two() => 2;";
        CellWithId(submission, "cell-5").Source = "// the student deleted the check";
        CellWithId(submission, "cell-2").Source = "var setup = 99;";

        var (graded, missing, matching) = GradedNotebook.BuildMatched(source, SourcePath, submission);

        Assert.Empty(missing);
        Assert.Null(matching);
        Assert.Equal(
            [
                "# Lesson", "var setup = 1;", "### Exercise 1: One", "int One() => 1;",
                "global::NetworkingLessons.Exercises.Check.Exercise(1).Returns(() => One(), 1);",
                "### Exercise 2: Two", "int Two() => 2;", "global::NetworkingLessons.Exercises.Check.Exercise(2).Returns(() => Two(), 2);",
            ],
            graded.Cells.Select(c => c.Source));
        Assert.Equal(NotebookCell.CSharp, graded.Cells[3].KernelName);
        Assert.Equal("var setup = 1;", source.Cells[1].Source); // the source itself is untouched
    }

    [Fact]
    public void Build_AnAnswerCellTheStudentDeleted_IsTheStub_AndNamedMissing()
    {
        var source = Source();
        var submission = StudentCopyOf(source);
        CellWithId(submission, "cell-4").Source = "int One() => 1;";
        submission.Cells.Remove(CellWithId(submission, "cell-7"));

        var (graded, missing) = GradedNotebook.Build(source, SourcePath, submission);

        Assert.Equal(2, Assert.Single(missing).Number);
        Assert.Equal("int One() => 1;", graded.Cells[3].Source);
        Assert.Equal(ExerciseMarkers.ToStudent(source.Cells[6].Source, SourcePath, 7, "Exercise 2: Two"), graded.Cells[6].Source);
        Assert.Contains("NotImplementedException", graded.Cells[6].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutIds_CellsLinedUpWithTheSource_MatchesByPosition_AndSaysSo()
    {
        var source = Source();
        var submission = source.Clone();
        submission.Cells.ForEach(c => c.Id = null);
        submission.Cells[3].Source = "int One() => 10;";
        submission.Cells[6].Source = "int Two() => 20;";

        var (graded, missing, matching) = GradedNotebook.BuildMatched(source, SourcePath, submission);

        Assert.Empty(missing);
        Assert.Equal(("int One() => 10;", "int Two() => 20;"), (graded.Cells[3].Source, graded.Cells[6].Source));
        Assert.Equal("2 answer cells matched by position (no matching cell id)", matching);
    }

    [Fact]
    public void Build_WithoutIds_CellsNotLinedUp_MatchesByPlaceAfterTheHeading_AndSaysSo()
    {
        var source = Source();
        var submission = StudentCopyOf(source); // navigation cells: not lined up with the source
        submission.Cells.ForEach(c => c.Id = null);
        submission.Cells.Insert(1, NotebookCell.Markdown("my notes"));
        submission.Cells.Single(c => c.Source.StartsWith("int One", StringComparison.Ordinal)).Source = "int One() => 100;";
        submission.Cells.Single(c => c.Source.StartsWith("int Two", StringComparison.Ordinal)).Source = "int Two() => 200;";

        var (graded, missing, matching) = GradedNotebook.BuildMatched(source, SourcePath, submission);

        Assert.Empty(missing);
        Assert.Equal(("int One() => 100;", "int Two() => 200;"), (graded.Cells[3].Source, graded.Cells[6].Source));
        Assert.Equal("2 matched by their place after the exercise's heading", matching);
    }

    [Fact]
    public void Build_OneAnswerByPosition_IsSingular()
    {
        var source = new Notebook([NotebookCell.Markdown("### Exercise 1: One"), NotebookCell.Code(Answer("One", "1")), NotebookCell.Code("Check.Exercise(1).Returns(() => One(), 1);")]);
        var submission = source.Clone();
        submission.Cells[1].Source = "int One() => 1;";

        var (_, _, matching) = GradedNotebook.BuildMatched(source, SourcePath, submission);

        Assert.Equal("1 answer cell matched by position (no matching cell id)", matching);
    }

    [Fact]
    public void Build_AnIdThatPointsOutsideItsExercise_DoesNotCount()
    {
        var source = Source();
        var submission = StudentCopyOf(source);
        CellWithId(submission, "cell-4").Source = "int One() => 1;";
        // Exercise 2's answer id moved onto a code cell under exercise 1's heading (ids renumbered by another tool).
        CellWithId(submission, "cell-7").Id = "renumbered";
        CellWithId(submission, "cell-5").Id = "cell-7";
        CellWithId(submission, "cell-7").Source = "int Two() => 666;";

        var (graded, missing) = GradedNotebook.Build(source, SourcePath, submission);

        Assert.Equal(2, Assert.Single(missing).Number);
        Assert.DoesNotContain(graded.Cells, c => c.Source.Contains("666", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_AClassCalledCheckInAnAnswer_CannotStandInForTheChecks()
    {
        var source = Source();
        source.Cells[4].Source = "Check.Exercise(1).Returns(() => One(), 1); var c = typeof(Check); x.Check.Go(); Lib::Check.Go(); MyCheck.Go();";
        var submission = StudentCopyOf(source);
        CellWithId(submission, "cell-4").Source = "static class Check { public static object Exercise(int n) => n; }\nint One() => 1;";

        var (graded, _) = GradedNotebook.Build(source, SourcePath, submission);

        Assert.Equal(
            "global::NetworkingLessons.Exercises.Check.Exercise(1).Returns(() => One(), 1); var c = typeof(Check); x.Check.Go(); Lib::Check.Go(); MyCheck.Go();",
            graded.Cells[4].Source);
        Assert.StartsWith("static class Check {", graded.Cells[3].Source, StringComparison.Ordinal); // the student's answer is theirs
    }

    [Fact]
    public void Build_ClearsTheSourcesOutputs()
    {
        var source = Source();
        source.Cells[1].ExecutionCount = 3;
        source.Cells[1].Outputs.Add(new StreamOutput(StreamOutput.StandardOutput, "hi"));

        var (graded, _) = GradedNotebook.Build(source, SourcePath, StudentCopyOf(source));

        Assert.Null(graded.Cells[1].ExecutionCount);
        Assert.Empty(graded.Cells[1].Outputs);
        Assert.Single(source.Cells[1].Outputs);
    }

    [Fact]
    public void Build_NoSourceOrSubmission_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => GradedNotebook.Build(null!, SourcePath, new Notebook()));
        Assert.Throws<ArgumentNullException>(() => GradedNotebook.Build(Source(), SourcePath, null!));
    }
}
