using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// The autograder's worker, a child process per student so that a student's code that hangs,
/// overflows the stack or exits the process cannot stop the grading of anyone else. It grades that
/// student's lessons one after another (the compiler warmed up once, not once per lesson), each
/// in a folder of its own holding the files of <see cref="WorkerFile"/>: it runs every cell (going on past
/// failures), appending a <see cref="CellReport"/> line per cell. A lesson that leaves a cell
/// running that could not be stopped ends the worker: the grader grades the rest in new ones.
/// </summary>
internal static class GradeOneCommand
{
    public const string Name = "grade-one";

    /// <summary>What the worker was asked to grade: lesson folders, and the path each lesson runs as.</summary>
    public sealed record Settings(IReadOnlyList<string> Folders, IReadOnlyList<string> RunAs, TimeSpan CellTimeout);

    public static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        var (folders, runAs, cellTimeout) = settings;
        if (folders.Count != runAs.Count)
        {
            await Console.Error.WriteLineAsync($"{Name}: {folders.Count} lesson folders but {runAs.Count} --as paths");
            return 2;
        }
        Environment.SetEnvironmentVariable(CourseVariables.Offline, "1");
        var lessons = folders.Select(Path.GetFullPath).ToList();
        // The inputs hold the hidden tests' calls: all gone from the disk before any student code runs.
        var notebooks = lessons.Select(folder => NotebookFile.Load(Path.Combine(folder, WorkerFile.Input))).ToList();
        lessons.ForEach(folder => File.Delete(Path.Combine(folder, WorkerFile.Input)));
        for (var i = 0; i < lessons.Count; i++)
        {
            var folder = lessons[i];
            Environment.CurrentDirectory = folder;
            // Where the checks write what they found (CheckProbes), for the grader to judge.
            Environment.SetEnvironmentVariable(CourseVariables.GradingProbes, Path.Combine(folder, WorkerFile.Probes));
            NotebookRun run;
            await using (var report = new StreamWriter(Path.Combine(folder, WorkerFile.Report), append: false) { AutoFlush = true })
            {
                run = await NotebookRunner.RunAsync(notebooks[i], runAs[i], new RunOptions
                {
                    CellTimeout = cellTimeout,
                    ContinueAfterFailure = (_, _) => true,
                    CellCompleted = (cell, _) => report.WriteLine(CellReport.From(cell).ToJsonLine()),
                }, cancellationToken);
            }
            NotebookFile.Save(run.Executed, Path.Combine(folder, WorkerFile.Executed));
            if (run.Restarts.Count > 0)
            {
                break; // a cell of this lesson still runs: the next lesson gets a process of its own
            }
        }
        return 0;
    }
}
