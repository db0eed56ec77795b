using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

public sealed class StudentCopyTests
{
    private static Notebook Source() => new(
    [
        NotebookCell.Markdown("# Byte order"),
        NotebookCell.Code("#r \"../../lib/x.dll\"\n#load \"helpers.csx\""),
        NotebookCell.Markdown("## Exercises\n\n### Exercise 1: Swap (2 points)"),
        NotebookCell.Code("ushort Swap(ushort v)\n{\n    // BEGIN SOLUTION\n    return (ushort)((v << 8) | (v >> 8));\n    // END SOLUTION\n}"),
        NotebookCell.Code("Check.Exercise(1).Returns(() => Swap(1), (ushort)256)\n// BEGIN HIDDEN TESTS\n.Returns(() => Swap(2), (ushort)512)\n// END HIDDEN TESTS\n;"),
        NotebookCell.Markdown("### Exercise 2: Nothing"),
        NotebookCell.Code("// BEGIN SOLUTION\nvar answer = 42;\n// END SOLUTION"),
        NotebookCell.Code("Check.Exercise(2).That(answer == 42, \"no\");"),
        NotebookCell.Markdown("## Summary"),
        NotebookCell.Code("Check.Summary()"),
    ]);

    [Fact]
    public void Find_ExercisesFromHeadings_WithPointsAndCells()
    {
        var exercises = ExerciseMap.Find(Source());

        Assert.Equal(2, exercises.Count);
        Assert.Equal((1, "Swap", 2), (exercises[0].Number, exercises[0].Title, exercises[0].Points));
        Assert.Equal([3, 4], exercises[0].Cells);
        Assert.Equal([3], exercises[0].AnswerCells);
        Assert.Equal([6, 7], exercises[1].Cells);
        Assert.Equal(1, exercises[1].Points);
        Assert.Null(ExerciseMap.ExerciseOf(exercises, 9)); // the summary is not part of an exercise
        Assert.Equal(exercises, ExerciseMap.Find(Source())); // two maps of the same notebook are equal
    }

    [Fact]
    public void Create_StubsAnswersDropsHiddenTestsAndAddsNavigation()
    {
        var copy = StudentCopy.Create(Source(), "/course/notebooks/solutions/04-byte-order.dib", "/course/notebooks/04-byte-order.ipynb",
            new LessonLink("03-ports.ipynb", "Ports"), new LessonLink("05-sockets.ipynb", "Sockets"), "../README.md#lessons");

        Assert.Equal(12, copy.Cells.Count);
        Assert.Equal("[← 03 Ports](03-ports.ipynb) | [Index](../README.md#lessons) | [05 Sockets →](05-sockets.ipynb)", copy.Cells[0].Source);
        Assert.Equal(copy.Cells[0].Source, copy.Cells[^1].Source);
        Assert.Equal("#r \"../lib/x.dll\"\n#load \"solutions/helpers.csx\"", copy.Cells[2].Source);
        Assert.Contains("throw new NotImplementedException(\"Exercise 1: Swap: not done yet.\");", copy.Cells[4].Source, StringComparison.Ordinal);
        Assert.DoesNotContain("<< 8", copy.Cells[4].Source, StringComparison.Ordinal);
        Assert.Equal("Check.Exercise(1).Returns(() => Swap(1), (ushort)256)\n;", copy.Cells[5].Source);
        Assert.Equal(["nav-top", "cell-1", "cell-2"], copy.Cells.Take(3).Select(c => c.Id));
    }

    [Fact]
    public void Create_FirstLesson_HasNoPreviousLink()
    {
        var copy = StudentCopy.Create(Source(), "/c/s/00.dib", "/c/00.ipynb", null, null, "README.md");

        Assert.Equal("[Index](README.md)", copy.Cells[0].Source);
    }

    [Fact]
    public void Create_SolutionOutsideExercise_IsAnError()
    {
        var source = new Notebook([NotebookCell.Markdown("# T"), NotebookCell.Code("// BEGIN SOLUTION\nx\n// END SOLUTION")]);

        var ex = Assert.Throws<MarkerException>(() => StudentCopy.Create(source, "t.dib", "t.ipynb", null, null, "i"));

        Assert.Contains("t.dib, cell 2, line 1: this cell has exercise markers but no 'Exercise N: Title' heading", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExerciseWithoutCheck_IsAnError()
    {
        var source = new Notebook([NotebookCell.Markdown("### Exercise 1: Lonely"), NotebookCell.Code("// BEGIN SOLUTION\nx\n// END SOLUTION")]);

        var ex = Assert.Throws<MarkerException>(() => StudentCopy.Create(source, "t.dib", "t.ipynb", null, null, "i"));

        Assert.Contains("Exercise 1: Lonely has no check cell", ex.Message, StringComparison.Ordinal);
    }
}
