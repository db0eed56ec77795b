using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

public sealed class ExerciseMapTests
{
    private const string Answer = "int F() =>\n// BEGIN SOLUTION\n    1;\n// END SOLUTION\n";

    [Theory]
    [InlineData("### Exercise 2: Dotted quad to number", 2, "Dotted quad to number", 1)]
    [InlineData("### Exercise 2: Dotted quad (3 points)", 2, "Dotted quad", 3)]
    [InlineData("## Exercise 12. A title (1 point)", 12, "A title", 1)]
    [InlineData("#### exercise 4 \u2014 Lower case, em dash", 4, "Lower case, em dash", 1)]
    [InlineData("### EXERCISE 5 - Hyphen", 5, "Hyphen", 1)]
    [InlineData("### Exercise 6 \u2013 En dash  ", 6, "En dash", 1)]
    [InlineData("### Exercise 7: \"Quoted\" (2 points)  ", 7, "\"Quoted\"", 2)]
    public void Find_ReadsNumberTitleAndPoints_FromTheHeading(string heading, int number, string title, int points)
    {
        var exercise = Assert.Single(ExerciseMap.Find(new Notebook([NotebookCell.Markdown(heading), NotebookCell.Code("1")])));

        Assert.Equal((number, title, points), (exercise.Number, exercise.Title, exercise.Points));
        Assert.Equal($"Exercise {number}: {title}", exercise.Name);
    }

    [Theory]
    [InlineData("# Exercise 1: level one is a lesson title")]
    [InlineData("##### Exercise 1: level five")]
    [InlineData("###Exercise 1: no space")]
    [InlineData("Exercise 1: not a heading")]
    [InlineData("### Exercises")]
    public void Find_OtherLines_AreNotExercises(string line)
    {
        Assert.Empty(ExerciseMap.Find(new Notebook([NotebookCell.Markdown(line), NotebookCell.Code("1")])));
    }

    [Fact]
    public void Find_TakesTheCodeCellsUpToTheNextSectionHeading_AndMarksTheAnswers()
    {
        var notebook = new Notebook(
        [
            NotebookCell.Code("setup()"),                                     // 0: before any exercise
            NotebookCell.Markdown("Some prose\n### Exercise 1: First\nMore"), // 1
            NotebookCell.Code(Answer),                                        // 2: answer
            NotebookCell.Markdown("#### A smaller heading stays inside"),     // 3
            NotebookCell.Code("Check.Exercise(1)"),                           // 4: check
            NotebookCell.Markdown("## Next section"),                         // 5: closes exercise 1
            NotebookCell.Code("other()"),                                     // 6: outside
            NotebookCell.Markdown("### Exercise 2: Second (4 points)"),       // 7
            NotebookCell.Code(Answer),                                        // 8
            NotebookCell.Markdown("### Exercise 3: Third"),                   // 9: closes 2, opens 3
            NotebookCell.Code("Check.Exercise(3)"),                           // 10
        ]);

        var exercises = ExerciseMap.Find(notebook);

        Assert.Equal(
            [
                new Exercise(1, "First", 1, [2, 4], [2]),
                new Exercise(2, "Second", 4, [8], [8]),
                new Exercise(3, "Third", 1, [10], []),
            ],
            exercises);
        Assert.Equal([4], exercises[0].CheckCells);
        Assert.Equal([10], exercises[2].CheckCells);
        Assert.Same(exercises[1], ExerciseMap.ExerciseOf(exercises, 8));
        Assert.Null(ExerciseMap.ExerciseOf(exercises, 6));
        Assert.Null(ExerciseMap.ExerciseOf(exercises, 0));
    }

    [Fact]
    public void Find_AHeadingAndASectionInOneCell_TheLaterLineWins()
    {
        var opened = ExerciseMap.Find(new Notebook([NotebookCell.Markdown("## Part two\n### Exercise 1: Late"), NotebookCell.Code("1")]));
        var closed = ExerciseMap.Find(new Notebook([NotebookCell.Markdown("### Exercise 1: Early\n## Part two"), NotebookCell.Code("1")]));

        Assert.Equal([1], Assert.Single(opened).Cells);
        Assert.Empty(Assert.Single(closed).Cells);
    }

    [Fact]
    public void ContinuePastExercises_GoesOnOnlyForACellInsideAnExercise()
    {
        var exercises = new[] { new Exercise(1, "A", 1, [3, 4], [3]) };
        var run = new CellRun(4, CellStatus.Exception, [], 2, TimeSpan.Zero);

        var go = ExerciseMap.ContinuePastExercises(exercises);

        Assert.True(go(3, run));
        Assert.True(go(4, run));
        Assert.False(go(2, run));
        Assert.False(go(5, run));
    }

    [Fact]
    public void FailuresOutsideExercises_AreTheFailedCellsNoExerciseHolds()
    {
        var exercises = new[] { new Exercise(1, "A", 1, [1], [1]) };
        var inside = new CellRun(2, CellStatus.Exception, [], 2, TimeSpan.Zero);   // cell index 1
        var outside = new CellRun(3, CellStatus.Exception, [], 3, TimeSpan.Zero);  // cell index 2
        var fine = new CellRun(1, CellStatus.Completed, [], 1, TimeSpan.Zero);
        var notebook = new Notebook([NotebookCell.Code("a"), NotebookCell.Code("b"), NotebookCell.Code("c")]);
        var run = new NotebookRun("x.ipynb", notebook, [fine, inside, outside], TimeSpan.Zero, []);

        Assert.Equal([outside], ExerciseMap.FailuresOutsideExercises(exercises, run));
        Assert.Throws<ArgumentNullException>(() => ExerciseMap.FailuresOutsideExercises(exercises, null!));
        Assert.Throws<ArgumentNullException>(() => ExerciseMap.Find(null!));
    }

    [Fact]
    public void Exercise_EqualsComparesTheCellListsInOrder()
    {
        var a = new Exercise(1, "A", 2, [1, 2], [1]);

        Assert.Equal(a, new Exercise(1, "A", 2, [1, 2], [1]));
        Assert.Equal(a.GetHashCode(), new Exercise(1, "A", 2, [1, 2], [1]).GetHashCode());
        Assert.NotEqual(a, new Exercise(1, "A", 2, [2, 1], [1]));
        Assert.NotEqual(a, new Exercise(1, "A", 2, [1, 2], [2]));
        Assert.NotEqual(a, new Exercise(2, "A", 2, [1, 2], [1]));
        Assert.NotEqual(a, new Exercise(1, "B", 2, [1, 2], [1]));
        Assert.NotEqual(a, new Exercise(1, "A", 3, [1, 2], [1]));
        Assert.False(a.Equals(null));
    }
}
