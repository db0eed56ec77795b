using System.Globalization;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using Spectre.Console;

namespace NetworkingLessons.Cli.Running;

/// <summary><c>lessons run</c>: runs notebooks in order, writes executed copies, prints a summary, exits 1 on any failure.</summary>
internal sealed class RunCommand(IAnsiConsole console)
{
    /// <summary>The environment variable the helper library reads to use local stand-ins instead of live servers.</summary>
    public const string OfflineVariable = "NETWORKING_LESSONS_OFFLINE";

    public async Task<int> ExecuteAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        var course = CourseLayout.Find(Environment.CurrentDirectory);
        IReadOnlyList<string> notebooks;
        try
        {
            notebooks = CourseLayout.Expand(settings.Paths, course);
        }
        catch (IOException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 1;
        }
        if (notebooks.Count == 0)
        {
            console.MarkupLine("[red]error:[/] no notebooks to run.");
            return 1;
        }
        if (settings.Offline)
        {
            Environment.SetEnvironmentVariable(OfflineVariable, "1");
        }
        var outputDirectory = settings.OutputDirectory ?? course?.Executed ?? Path.Combine(Environment.CurrentDirectory, "artifacts", "executed");
        var outcomes = new List<NotebookOutcome>();
        foreach (var path in notebooks)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            outcomes.Add(await RunOneAsync(path, outputDirectory, settings.CellTimeout, cancellationToken));
        }
        WriteSummary(outcomes, outputDirectory);
        return outcomes.Count == notebooks.Count && outcomes.All(o => o.Succeeded) ? 0 : 1;
    }

    private async Task<NotebookOutcome> RunOneAsync(string path, string outputDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (NotebookFormatException ex)
        {
            console.MarkupLineInterpolated($"[red]✗[/] {ex.Message}");
            return new NotebookOutcome(name, 0, TimeSpan.Zero, "not a valid notebook", false);
        }

        var total = notebook.Cells.Count(c => c.Kind == CellKind.Code);
        var options = new RunOptions { CellTimeout = timeout };
        NotebookRun run;
        if (console.Profile.Capabilities.Interactive)
        {
            run = await console.Status().StartAsync($"{name}: starting", async context =>
                await NotebookRunner.RunAsync(notebook, path, options with
                {
                    CellCompleted = (cell, _) => context.Status($"{name}: cell {cell.CellNumber} of {notebook.Cells.Count} done"),
                }, cancellationToken));
        }
        else
        {
            run = await NotebookRunner.RunAsync(notebook, path, options, cancellationToken);
        }

        var executedPath = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(path) + ".ipynb");
        NotebookFile.Save(run.Executed, executedPath);
        foreach (var problem in run.CleanupErrors)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {name}: cleanup: {problem}");
        }
        if (run.Succeeded)
        {
            console.MarkupLineInterpolated($"[green]✓[/] {name}  {total} code cells  {run.Duration.TotalSeconds:0.0} s");
            return new NotebookOutcome(name, total, run.Duration, "passed", true);
        }
        var failure = run.Failures.First();
        console.MarkupLineInterpolated($"[red]✗[/] {name}: {failure.ErrorMessage}");
        foreach (var line in failure.Outputs.OfType<ErrorOutput>().SelectMany(e => e.Traceback).Take(12))
        {
            console.WriteLine("    " + line);
        }
        var status = failure.Status switch
        {
            CellStatus.TimedOut => $"timed out in cell {failure.CellNumber}",
            CellStatus.Cancelled => $"cancelled in cell {failure.CellNumber}",
            _ => $"failed in cell {failure.CellNumber}" + (failure.ErrorLine is int l ? $", line {l}" : ""),
        };
        return new NotebookOutcome(name, total, run.Duration, status, false);
    }

    private void WriteSummary(List<NotebookOutcome> outcomes, string outputDirectory)
    {
        var table = new Table().AddColumns("Notebook", "Code cells", "Seconds", "Status");
        foreach (var outcome in outcomes)
        {
            table.AddRow(
                Markup.Escape(outcome.Name),
                outcome.Cells.ToString(CultureInfo.InvariantCulture),
                outcome.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                outcome.Succeeded ? "[green]passed[/]" : $"[red]{Markup.Escape(outcome.Status)}[/]");
        }
        console.Write(table);
        var failed = outcomes.Count(o => !o.Succeeded);
        console.MarkupLineInterpolated($"{outcomes.Count - failed} of {outcomes.Count} notebooks passed; executed copies in {outputDirectory}");
    }

    private sealed record NotebookOutcome(string Name, int Cells, TimeSpan Duration, string Status, bool Succeeded);
}
