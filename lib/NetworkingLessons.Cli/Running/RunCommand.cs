using System.Globalization;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.Notebooks.Grading;
using NetworkingLessons.Notebooks.Rendering;
using Spectre.Console;

namespace NetworkingLessons.Cli.Running;

/// <summary><c>lessons run</c>: runs notebooks in order, writes executed copies, prints a summary, exits 1 on any failure.</summary>
internal sealed class RunCommand(IAnsiConsole console)
{
    /// <summary>What <c>lessons run</c> was asked to do.</summary>
    public sealed record Settings(IReadOnlyList<string> Paths, string? OutputDirectory, bool Offline, TimeSpan CellTimeout, string? HtmlDirectory = null, bool AllowErrors = false);

    public async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
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
            Environment.SetEnvironmentVariable(CourseVariables.Offline, "1");
        }
        var outputDirectory = settings.OutputDirectory ?? course?.Executed ?? Path.Combine(Environment.CurrentDirectory, "artifacts", "executed");
        var outcomes = new List<NotebookOutcome>();
        foreach (var path in notebooks)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            outcomes.Add(await RunOneAsync(path, outputDirectory, settings.CellTimeout, settings.AllowErrors, cancellationToken));
        }
        WriteSummary(outcomes, outputDirectory);
        if (settings.HtmlDirectory is not null)
        {
            WriteSite(outcomes, settings.HtmlDirectory, course);
        }
        return outcomes.Count == notebooks.Count && outcomes.All(o => o.Succeeded) ? 0 : 1;
    }

    private async Task<NotebookOutcome> RunOneAsync(string path, string outputDirectory, TimeSpan timeout, bool allowErrors, CancellationToken cancellationToken)
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
            return new NotebookOutcome(name, 0, TimeSpan.Zero, "not a valid notebook", false, "", null, name);
        }

        var total = notebook.Cells.Count(c => c.Kind == CellKind.Code);
        var title = StudentCopy.TitleOf(notebook, path);
        var exercises = ExerciseMap.Find(notebook);
        // An instructor source must pass everything; in a student copy an unsolved exercise is work to do, not a failure.
        var isSource = notebook.Cells.Any(c => c.Kind == CellKind.Code && ExerciseMarkers.HasMarkers(c.Source));
        var options = new RunOptions
        {
            CellTimeout = timeout,
            ContinueAfterFailure = allowErrors ? (_, _) => true
                : isSource ? null
                : ExerciseMap.ContinuePastExercises(exercises),
        };
        NotebookRun run;
        if (console.Profile.Capabilities.Interactive)
        {
            run = await console.Status().StartAsync($"{name}: starting", async context =>
                await NotebookRunner.RunAsync(notebook, path, options with
                {
                    CellCompleted = (cell, _) => context.Status($"{name}: {cell.Label} done ({cell.CellNumber} of {notebook.Cells.Count} cells)"),
                }, cancellationToken));
        }
        else
        {
            // Piped or logged: a plain line per notebook instead of a live status.
            console.WriteLine($"{name}: running {total} code cells…");
            run = await NotebookRunner.RunAsync(notebook, path, options, cancellationToken);
        }

        var executedPath = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(path) + ".ipynb");
        NotebookFile.Save(run.Executed, executedPath);
        foreach (var problem in run.CleanupErrors)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {name}: cleanup: {problem}");
        }
        foreach (var restart in run.Restarts)
        {
            var lost = string.Join(", ", restart.LostCells.Select(n => run.Cells.First(c => c.CellNumber == n).Label));
            console.MarkupLineInterpolated($"[yellow]warning:[/] {name}: a cell could not be stopped, so the rest ran in a new kernel; what {lost} declared was lost.");
        }
        var outcomes = ExerciseOutcome.Evaluate(exercises, run);
        var exerciseSummary = exercises.Count == 0 ? "" : $"{outcomes.Count(o => o.State == ExerciseState.Passed)}/{exercises.Count} passed";
        var failures = isSource ? [.. run.Failures] : ExerciseMap.FailuresOutsideExercises(exercises, run);
        var allRan = run.Cells.Count == total;
        if (failures.Count == 0 && allRan)
        {
            console.MarkupLineInterpolated($"[green]✓[/] {name}  {total} code cells  {run.Duration.TotalSeconds:0.0} s");
            WriteExercises(outcomes);
            return new NotebookOutcome(name, total, run.Duration, "passed", true, exerciseSummary, run.Executed, title);
        }
        if (failures.Count == 0)
        {
            // Every cell that ran passed, but not all ran: the run was cancelled between cells.
            console.MarkupLineInterpolated($"[red]✗[/] {name}: cancelled after {run.Cells.Count} of {total} code cells.");
            WriteExercises(outcomes);
            return new NotebookOutcome(name, total, run.Duration, "cancelled", false, exerciseSummary, run.Executed, title);
        }
        foreach (var failure in failures)
        {
            console.MarkupLineInterpolated($"[red]✗[/] {name}: {failure.ErrorMessage}");
            foreach (var line in failure.Outputs.OfType<ErrorOutput>().SelectMany(e => e.Traceback).Take(12))
            {
                console.WriteLine("    " + line);
            }
        }
        var first = failures[0];
        var status = first.Status switch
        {
            CellStatus.TimedOut => $"timed out in {first.Label}",
            CellStatus.Cancelled => $"cancelled in {first.Label}",
            _ => $"failed in {first.Label}" + (first.ErrorLine is int l ? $", line {l}" : ""),
        };
        if (failures.Count > 1)
        {
            status += $" (+{failures.Count - 1} more)";
        }
        WriteExercises(outcomes);
        return new NotebookOutcome(name, total, run.Duration, status, false, exerciseSummary, run.Executed, title);
    }

    private void WriteExercises(IReadOnlyList<ExerciseOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            var mark = outcome.State switch
            {
                ExerciseState.Passed => "[green]✓ passed[/]",
                ExerciseState.ToDo => "[yellow]… to do[/]",
                _ => $"[red]✗ {Markup.Escape(outcome.Label)}[/]",
            };
            var points = outcome.Exercise.Points == 1 ? "1 point" : $"{outcome.Exercise.Points} points";
            var detail = outcome.State is ExerciseState.Passed or ExerciseState.ToDo ? "" : $": {Markup.Escape(outcome.Message ?? "")}";
            console.MarkupLine($"    {Markup.Escape(outcome.Exercise.Name)} ({points}) {mark}{detail}");
        }
    }

    private void WriteSummary(List<NotebookOutcome> outcomes, string outputDirectory)
    {
        var table = new Table().AddColumns("Notebook", "Code cells", "Seconds", "Exercises", "Status");
        foreach (var outcome in outcomes)
        {
            table.AddRow(
                Markup.Escape(outcome.Name),
                outcome.Cells.ToString(CultureInfo.InvariantCulture),
                outcome.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                outcome.Exercises,
                outcome.Succeeded ? "[green]passed[/]" : $"[red]{Markup.Escape(outcome.Status)}[/]");
        }
        console.Write(table);
        var failed = outcomes.Count(o => !o.Succeeded);
        console.MarkupLineInterpolated($"{outcomes.Count - failed} of {outcomes.Count} notebooks passed; executed copies in {outputDirectory}");
    }

    // A static site of the executed lessons: one page each, and an index.
    private void WriteSite(List<NotebookOutcome> outcomes, string folder, CourseLayout? course)
    {
        Directory.CreateDirectory(folder);
        var missing = SiteScripts.Copy(course?.WebModules, folder);
        if (missing.Count > 0)
        {
            console.MarkupLineInterpolated($"[yellow]note:[/] no offline copy of {string.Join(" or ", missing)}, so diagrams show as their source and charts as SVG only; run 'npm install --prefix web' in the course to add them.");
        }
        var head = SiteScripts.Head(folder);
        var index = new HtmlTable("Lesson", "Code cells", "Exercises", "Status");
        foreach (var outcome in outcomes)
        {
            var page = Path.GetFileNameWithoutExtension(outcome.Name) + ".html";
            if (outcome.Executed is not null)
            {
                File.WriteAllText(Path.Combine(folder, page), NotebookHtml.Render(outcome.Executed, new HtmlPageOptions
                {
                    Title = outcome.Title,
                    AllowScripts = true, // the course's own charts and diagrams, from the site's own copies
                    LinkNotebooksAsPages = true,
                    Head = head,
                }));
            }
            index.AddRow(outcome.Executed is null ? outcome.Name : HtmlTable.Link(Uri.EscapeDataString(page), outcome.Title), outcome.Cells, outcome.Exercises, outcome.Status);
        }
        var header = $"<h1>NetworkingLessons</h1><p>The lessons as they ran, with every output.</p>{index}";
        File.WriteAllText(Path.Combine(folder, "index.html"), NotebookHtml.Render(new Notebook(), new HtmlPageOptions { Title = "NetworkingLessons", Header = header }));
        console.MarkupLineInterpolated($"Web pages in {folder}: open index.html");
    }

    private sealed record NotebookOutcome(string Name, int Cells, TimeSpan Duration, string Status, bool Succeeded, string Exercises, Notebook? Executed, string Title);
}
