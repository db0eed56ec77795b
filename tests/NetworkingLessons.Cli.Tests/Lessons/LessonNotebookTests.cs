using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.Notebooks.Grading;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Lessons;

/// <summary>
/// Every lesson, run as the engine runs it, offline: the instructor source passes every cell, and
/// the student copy runs clean except for its exercises, each of which must fail on the stub.
/// </summary>
public sealed class LessonNotebookTests
{
    static LessonNotebookTests() => Environment.SetEnvironmentVariable(CourseVariables.Offline, "1");

    public static TheoryData<string> Lessons() => [.. LessonNames()];

    private static IEnumerable<string> LessonNames() =>
        Directory.EnumerateFiles(CourseFiles.Solutions).Where(NotebookFile.IsNotebook).Order(StringComparer.Ordinal).Select(Path.GetFileNameWithoutExtension)!;

    private static string SourcePath(string lesson) =>
        Directory.EnumerateFiles(CourseFiles.Solutions, lesson + ".*").Single(NotebookFile.IsNotebook);

    private static string Describe(NotebookRun run) => string.Join("\n", run.Failures.Select(f => f.ErrorMessage));

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task Source_EveryCellPasses(string lesson)
    {
        var run = await NotebookRunner.RunFileAsync(SourcePath(lesson));

        Assert.True(run.Succeeded, $"{lesson} (instructor source) failed:\n{Describe(run)}");
        Assert.Empty(run.CleanupErrors);
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task StudentCopy_RunsCleanAndEveryExerciseFailsOnItsStub(string lesson)
    {
        var path = Path.Combine(CourseFiles.Notebooks, lesson + ".ipynb");
        var notebook = NotebookFile.Load(path);
        var exercises = ExerciseMap.Find(notebook);

        var run = await NotebookRunner.RunAsync(notebook, path, new RunOptions
        {
            ContinueAfterFailure = ExerciseMap.ContinuePastExercises(exercises),
        });

        var notExercises = ExerciseMap.FailuresOutsideExercises(exercises, run);
        Assert.True(notExercises.Count == 0, $"{lesson}: cells outside exercises failed:\n{string.Join("\n", notExercises.Select(f => f.ErrorMessage))}");
        Assert.Equal(notebook.Cells.Count(c => c.Kind == CellKind.Code), run.Cells.Count);
        var passedOnStub = ExerciseOutcome.Evaluate(exercises, run).Where(o => o.State == ExerciseState.Passed).ToList();
        Assert.True(passedOnStub.Count == 0, $"{lesson}: these checks pass on the student's stub: {string.Join(", ", passedOnStub.Select(o => o.Exercise.Name))}");
        Assert.All(ExerciseOutcome.Evaluate(exercises, run), o => Assert.Equal(ExerciseState.ToDo, o.State));
    }

    [PeerTheory(Peer.JupyterNbformat)]
    [MemberData(nameof(Lessons))]
    public async Task StudentCopy_IsValidForJupyter(string lesson)
    {
        Assert.Null(await Peers.NbformatValidateAsync(Path.Combine(CourseFiles.Notebooks, lesson + ".ipynb")));
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Source_ReferencesTheLibraryWhereEveryBuildLeavesIt(string lesson)
    {
        var references = NotebookFile.Load(SourcePath(lesson)).Cells.Where(c => c.Kind == CellKind.Code)
            .SelectMany(c => c.Source.Split('\n')).Where(l => l.StartsWith("#r ", StringComparison.Ordinal)).ToList();

        var reference = Assert.Single(references);
        var target = Path.GetFullPath(Path.Combine(CourseFiles.Solutions, reference[4..^1]));
        Assert.Equal(Path.Combine(CourseFiles.Root, "lib", "NetworkingLessons", "bin", "notebooks", "NetworkingLessons.dll"), target);
        // The build just ran: the copy for notebooks is the library of this build's configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var built = Path.Combine(CourseFiles.Root, "lib", "NetworkingLessons", "bin", configuration, "net10.0", "NetworkingLessons.dll");
        Assert.Equal(File.ReadAllBytes(built), File.ReadAllBytes(target));
    }

    public static TheoryData<string, int, int> Pitfalls()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var (lesson, source, _, exercise, pitfalls) in PitfallsOf())
        {
            for (var i = 0; i < pitfalls.Count; i++)
            {
                data.Add(lesson, exercise.Number, i);
            }
        }
        return data;
    }

    private static IEnumerable<(string Lesson, Notebook Source, int AnswerCell, Exercise Exercise, IReadOnlyList<Pitfall> Pitfalls)> PitfallsOf()
    {
        foreach (var lesson in LessonNames())
        {
            var source = NotebookFile.Load(SourcePath(lesson));
            foreach (var exercise in ExerciseMap.Find(source))
            {
                foreach (var answer in exercise.AnswerCells)
                {
                    yield return (lesson, source, answer, exercise, ExerciseMarkers.Pitfalls(source.Cells[answer].Source, SourcePath(lesson), answer + 1));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pitfalls))]
    public async Task Pitfall_FailsTheVisibleChecks(string lesson, int number, int index)
    {
        var (_, source, answerCell, exercise, pitfalls) = PitfallsOf().Single(p => p.Lesson == lesson && p.Exercise.Number == number && p.Pitfalls.Count > index);
        var pitfall = pitfalls[index];
        // The student's copy, with this wrong answer handed in: stubs elsewhere, no hidden checks.
        var handedIn = source.Clone();
        for (var i = 0; i < handedIn.Cells.Count; i++)
        {
            var cell = handedIn.Cells[i];
            if (cell.Kind == CellKind.Code)
            {
                cell.Source = i == answerCell
                    ? ExerciseMarkers.WithPitfall(cell.Source, SourcePath(lesson), i + 1, pitfall)
                    : ExerciseMarkers.ToStudent(cell.Source, SourcePath(lesson), i + 1, "Exercise");
            }
        }

        var run = await NotebookRunner.RunAsync(handedIn, SourcePath(lesson), new RunOptions { ContinueAfterFailure = (_, _) => true });

        var outcome = ExerciseOutcome.Evaluate([exercise], run).Single();
        Assert.True(outcome.State == ExerciseState.Failed,
            $"{lesson}, {exercise.Name}: the wrong answer '{pitfall.Description}' is {outcome.Label} on the visible checks, so a student who falls into it would be told it passes.\n{pitfall.Code}");
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Source_EveryExerciseThatWarnsHasAPitfall(string lesson)
    {
        // Exercise text that warns ("careful", "must", "pitfall") names a mistake; its wrong answer must be written down and checked.
        var source = NotebookFile.Load(SourcePath(lesson));
        foreach (var exercise in ExerciseMap.Find(source))
        {
            var prose = string.Join("\n", source.Cells.Skip(exercise.Cells.Min() - 1).Take(1).Select(c => c.Source));
            var warns = System.Text.RegularExpressions.Regex.IsMatch(prose, @"\b(careful|beware|pitfall|trap)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var pitfalls = exercise.AnswerCells.Sum(a => ExerciseMarkers.Pitfalls(source.Cells[a].Source, SourcePath(lesson), a + 1).Count);
            Assert.True(!warns || pitfalls > 0, $"{lesson}, {exercise.Name} warns about a mistake but writes no PITFALL answer for it.");
        }
    }
}
