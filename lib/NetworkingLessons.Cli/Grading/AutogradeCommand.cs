using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;
using Spectre.Console;

namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// <c>lessons autograde</c>: grades a class. SUBMISSIONS holds one folder per student with their
/// lesson notebooks; each submission is graded against the instructor source (answers from the
/// student, checks and hidden tests from the source) in a child process with a per-cell and a
/// per-notebook timeout, several at a time.
/// </summary>
internal sealed class AutogradeCommand(IAnsiConsole console)
{
    public sealed record Settings(string Submissions, string? Source, string? Output, TimeSpan CellTimeout, TimeSpan NotebookTimeout, int Jobs);

    private sealed record Lesson(string Name, string Path, Notebook Source, IReadOnlyList<Exercise> Exercises);

    public async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        var course = CourseLayout.Find(Environment.CurrentDirectory);
        var sourceFolder = settings.Source ?? course?.Solutions;
        if (!Directory.Exists(settings.Submissions))
        {
            console.MarkupLineInterpolated($"[red]error:[/] {settings.Submissions}: no such folder of submissions.");
            return 1;
        }
        if (sourceFolder is null || !Directory.Exists(sourceFolder))
        {
            console.MarkupLineInterpolated($"[red]error:[/] {sourceFolder ?? "--source"}: no folder of instructor sources (give --source DIR).");
            return 1;
        }
        var lessons = new Dictionary<string, Lesson>(StringComparer.Ordinal);
        foreach (var path in CourseLayout.Expand([sourceFolder], course))
        {
            try
            {
                var notebook = NotebookFile.Load(path);
                var name = System.IO.Path.GetFileNameWithoutExtension(path);
                lessons[name] = new Lesson(name, path, notebook, ExerciseMap.Find(notebook));
            }
            catch (NotebookFormatException ex)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return 1;
            }
        }
        var students = Directory.GetDirectories(settings.Submissions).Order(StringComparer.Ordinal).ToList();
        // Grade the lessons someone handed in; a student who handed nothing in for one of them gets zero for it.
        var assigned = lessons.Values
            .Where(l => students.Any(s => File.Exists(System.IO.Path.Combine(s, l.Name + ".ipynb"))))
            .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        var output = settings.Output ?? System.IO.Path.Combine(course?.Root ?? Environment.CurrentDirectory, "artifacts", "grades");
        Directory.CreateDirectory(output);

        var work = students.SelectMany(s => assigned.Select(l => (Student: s, Lesson: l))).ToList();
        var grades = new LessonGrade[work.Count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                grades[i] = await GradeAsync(work[i].Student, work[i].Lesson, output, settings, ct);
                console.MarkupLineInterpolated($"  {grades[i].Student} / {grades[i].Lesson}: {grades[i].Points}/{grades[i].MaxPoints} ({grades[i].Status})");
            });

        GradeReport.Write(grades, output);
        var table = new Table().AddColumns("Student", "Lesson", "Points", "Status");
        foreach (var grade in grades)
        {
            table.AddRow(Markup.Escape(grade.Student), Markup.Escape(grade.Lesson),
                $"{grade.Points}/{grade.MaxPoints}", Markup.Escape(grade.Status));
        }
        console.Write(table);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Graded {work.Count} submissions of {students.Count} students in {clock.Elapsed.TotalSeconds:0.0} s; {GradeReport.CsvFile} and {GradeReport.JsonFile} in {output}");
        return 0;
    }

    private static async Task<LessonGrade> GradeAsync(string studentFolder, Lesson lesson, string output, Settings settings, CancellationToken cancellationToken)
    {
        var student = System.IO.Path.GetFileName(studentFolder);
        LessonGrade Zero(string status, string message) =>
            new(student, lesson.Name, status, [.. lesson.Exercises.Select(e => new ExerciseOutcome(e, ExerciseState.Missing, message))]);

        var submitted = System.IO.Path.Combine(studentFolder, lesson.Name + ".ipynb");
        if (!File.Exists(submitted))
        {
            return Zero("not submitted", $"{lesson.Name}.ipynb is not in the submission.");
        }
        Notebook submission;
        try
        {
            submission = NotebookFile.Load(submitted);
        }
        catch (NotebookFormatException ex)
        {
            return Zero($"invalid notebook: {ex.Problem}", ex.Message);
        }

        var (graded, missingAnswers) = GradedNotebook.Build(lesson.Source, lesson.Path, submission);
        var folder = System.IO.Path.Combine(output, student);
        Directory.CreateDirectory(folder);
        var input = System.IO.Path.Combine(folder, lesson.Name + ".graded-input.ipynb");
        var report = System.IO.Path.Combine(folder, lesson.Name + ".report.jsonl");
        var executed = System.IO.Path.Combine(folder, lesson.Name + ".ipynb");
        NotebookFile.Save(graded, input);
        File.Delete(report);

        var (exitCode, timedOut) = await RunWorkerAsync(input, lesson.Path, report, executed, settings, cancellationToken);
        File.Delete(input);
        var runs = CellReport.ReadAll(report).Select(r => r.ToCellRun()).ToList();
        var outcomes = ExerciseOutcome.Evaluate(lesson.Exercises, runs).ToList();
        var status = timedOut
            ? $"timed out after {settings.NotebookTimeout.TotalSeconds:0} s"
            : exitCode == 0 ? "graded" : $"crashed (exit code {exitCode})";
        var stoppedFirst = true;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            if (missingAnswers.Contains(outcome.Exercise) && outcome.State != ExerciseState.Passed)
            {
                outcomes[i] = outcome with { State = ExerciseState.Missing, Message = $"{outcome.Exercise.Name}: the answer cell was deleted from the submission." };
            }
            else if (outcome.State == ExerciseState.NotRun && status != "graded")
            {
                // The exercise that was running when the worker died is the one to blame.
                outcomes[i] = outcome with
                {
                    State = timedOut && stoppedFirst ? ExerciseState.TimedOut : ExerciseState.NotRun,
                    Message = $"{outcome.Exercise.Name}: the notebook {status} before this exercise finished.",
                };
                stoppedFirst = false;
            }
        }
        return new LessonGrade(student, lesson.Name, status, outcomes);
    }

    private static async Task<(int ExitCode, bool TimedOut)> RunWorkerAsync(string input, string runAs, string report, string executed,
        Settings settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        var host = Environment.ProcessPath ?? "dotnet";
        start.FileName = host;
        if (System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        foreach (var argument in new[]
        {
            GradeOneCommand.Name, input, "--as", runAs, "--report", report, "--executed", executed,
            "--timeout", settings.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[CourseVariables.Offline] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        process.StandardInput.Close();
        // Drain the worker's output so that it never blocks on a full pipe; graders read the report instead.
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.NotebookTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            await drain;
            return (process.ExitCode, false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return (process.ExitCode, true);
        }
    }
}
