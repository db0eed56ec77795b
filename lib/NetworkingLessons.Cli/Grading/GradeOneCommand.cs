using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// The autograder's worker, run in a child process per submission so that a student's code that
/// hangs, overflows the stack or exits the process cannot stop the grading of anyone else.
/// Runs every cell (going on past failures), appending a <see cref="CellReport"/> line per cell.
/// </summary>
internal static class GradeOneCommand
{
    public const string Name = "grade-one";

    /// <summary>What the worker was asked to grade, and where to write.</summary>
    public sealed record Settings(string NotebookPath, string RunAs, string ReportPath, string ExecutedPath, TimeSpan CellTimeout, string? ProbesPath = null);

    public static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        var (notebookPath, runAs, reportPath, executedPath, cellTimeout, probesPath) = settings;
        Environment.SetEnvironmentVariable(CourseVariables.Offline, "1");
        // Where the checks write what they found (CheckProbes), for the grader to judge.
        Environment.SetEnvironmentVariable(CourseVariables.GradingProbes, probesPath is null ? null : Path.GetFullPath(probesPath));
        var notebook = NotebookFile.Load(notebookPath);
        // The input holds the hidden tests: gone from the disk before any student code runs.
        File.Delete(notebookPath);
        await using var report = new StreamWriter(reportPath, append: false) { AutoFlush = true };
        var run = await NotebookRunner.RunAsync(notebook, runAs, new RunOptions
        {
            CellTimeout = cellTimeout,
            ContinueAfterFailure = (_, _) => true,
            CellCompleted = (cell, _) => report.WriteLine(CellReport.From(cell).ToJsonLine()),
        }, cancellationToken);
        NotebookFile.Save(run.Executed, executedPath);
        return 0;
    }
}
