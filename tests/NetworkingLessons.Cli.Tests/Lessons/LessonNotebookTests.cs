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
    static LessonNotebookTests() => Environment.SetEnvironmentVariable("NETWORKING_LESSONS_OFFLINE", "1");

    public static TheoryData<string> Lessons()
    {
        var data = new TheoryData<string>();
        foreach (var source in Directory.EnumerateFiles(CourseFiles.Solutions).Where(NotebookFile.IsNotebook).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(source));
        }
        return data;
    }

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
            ContinueAfterFailure = (index, _) => ExerciseMap.ExerciseOf(exercises, index) is not null,
        });

        var notExercises = run.Failures.Where(f => ExerciseMap.ExerciseOf(exercises, f.CellNumber - 1) is null).ToList();
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
}
