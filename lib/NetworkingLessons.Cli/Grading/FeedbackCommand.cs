using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Rendering;
using Spectre.Console;

namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// <c>lessons feedback</c>: one HTML page per student and lesson, from what autograde wrote: the
/// grade, each exercise's points and check message, then the student's code and its outputs.
/// The pages are for students: hidden checks show as "a hidden check failed" and their hint,
/// never their code, input or expected value; what a submission displayed as HTML is shown in a
/// sandboxed frame of its own, so that its styles, forms and redirects reach nothing else.
/// </summary>
internal sealed class FeedbackCommand(IAnsiConsole console)
{
    /// <summary>What <c>lessons feedback</c> was asked to do.</summary>
    public sealed record Settings(string? GradesFolder, string? OutputFolder);

    public Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken) =>
        Task.FromResult(Execute(settings.GradesFolder, settings.OutputFolder));

    private int Execute(string? gradesFolder, string? outputFolder)
    {
        var course = CourseLayout.Find(Environment.CurrentDirectory);
        var root = course?.Root ?? Environment.CurrentDirectory;
        var grades = gradesFolder ?? Path.Combine(root, "artifacts", "grades");
        var output = outputFolder ?? Path.Combine(root, "artifacts", "feedback");
        var gradesFile = Path.Combine(grades, GradeReport.JsonFile);
        JsonArray entries;
        try
        {
            entries = JsonNode.Parse(File.ReadAllText(gradesFile))?["grades"] as JsonArray
                ?? throw new JsonException("no 'grades' array");
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {gradesFile}: {ex.Message} (run 'lessons autograde' first).");
            return 1;
        }

        var index = new HtmlTable("Student", "Lesson", "Points", "Status");
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var student = Safe(entry["student"]?.GetValue<string>());
            var lesson = Safe(entry["lesson"]?.GetValue<string>());
            var page = Path.Combine(output, student, lesson + ".html");
            Directory.CreateDirectory(Path.GetDirectoryName(page)!);
            File.WriteAllText(page, RenderPage(entry, student, lesson, Path.Combine(grades, student, lesson + ".ipynb")));
            index.AddRow(student, HtmlTable.Link($"{Uri.EscapeDataString(student)}/{Uri.EscapeDataString(lesson)}.html", lesson),
                $"{entry["points"]}/{entry["maxPoints"]}", entry["status"]?.GetValue<string>() ?? "");
        }
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "index.html"), NotebookHtml.Render(new Notebook(), new HtmlPageOptions { Title = "Feedback", Header = $"<h1>Feedback</h1>{index}" }));
        console.MarkupLineInterpolated($"{entries.Count} feedback pages in {output} (start at index.html).");
        return 0;
    }

    private static string RenderPage(JsonObject entry, string student, string lesson, string executedPath)
    {
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture,
            $"<h1>{Encode(lesson)}: {Encode(student)}</h1><p><strong>{entry["points"]} of {entry["maxPoints"]} points</strong> — {Encode(entry["status"]?.GetValue<string>() ?? "")}</p>");
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Load(executedPath);
        }
        catch (Exception ex) when (ex is NotebookFormatException or IOException)
        {
            notebook = new Notebook([NotebookCell.Markdown("*The submission could not be run, so there is no code or output to show.*")]);
        }
        var checkSources = notebook.Cells.Where(c => c.Kind == CellKind.Code && c.Source.Contains(Notebooks.Grading.ExerciseMarkers.BeginHiddenTests, StringComparison.Ordinal))
            .Select(c => c.Source).ToList();
        string Within(string text) => checkSources.Aggregate(text, (t, source) => Notebooks.Grading.HiddenChecks.RedactWithin(t, source));
        var exercises = new HtmlTable("Exercise", "Points", "Result", "What the checks said");
        foreach (var exercise in (entry["exercises"] as JsonArray ?? []).OfType<JsonObject>())
        {
            exercises.AddRow($"{exercise["number"]}. {exercise["title"]?.GetValue<string>()}", $"{exercise["points"]}/{exercise["maxPoints"]}",
                exercise["status"]?.GetValue<string>() ?? "", Within(exercise["message"]?.GetValue<string>() ?? ""));
        }
        header.Append(exercises);
        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Code))
        {
            if (checkSources.Contains(cell.Source))
            {
                cell.Source = Notebooks.Grading.HiddenChecks.Strip(cell.Source);
            }
            // Every output, not only the check's own: a summary table quotes the messages too.
            for (var i = 0; i < cell.Outputs.Count; i++)
            {
                cell.Outputs[i] = cell.Outputs[i] switch
                {
                    ErrorOutput error => error with { Value = Within(error.Value), Traceback = [.. error.Traceback.Select(Within)] },
                    StreamOutput stream => stream with { Text = Within(stream.Text) },
                    DisplayDataOutput display => display with { Data = new Notebooks.Display.MimeBundle(display.Data.Select(p => KeyValuePair.Create(p.Key, Within(p.Value)))) },
                    ExecuteResultOutput result => result with { Data = new Notebooks.Display.MimeBundle(result.Data.Select(p => KeyValuePair.Create(p.Key, Within(p.Value)))) },
                    var other => other,
                };
            }
        }
        return NotebookHtml.Render(notebook, new HtmlPageOptions { Title = $"{lesson}: {student}", Header = header.ToString(), IsolateOutputs = true });
    }

    // Names come from folder names in grades.json; keep them from escaping the output folder.
    private static string Safe(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Contains("..", StringComparison.Ordinal) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            ? "unnamed"
            : name;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
