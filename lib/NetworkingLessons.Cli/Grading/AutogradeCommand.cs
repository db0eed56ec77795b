using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;
using Spectre.Console;

namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// <c>lessons autograde</c>: grades a class. SUBMISSIONS holds one folder per student with their
/// lesson notebooks; each submission is graded against the instructor source (answers from the
/// student, checks and hidden tests from the source) in a child process with a per-cell and a
/// per-notebook timeout, several at a time. On Linux each child runs in a bubblewrap sandbox
/// (<see cref="WorkerSandbox"/>); without one, autograde refuses unless told <c>--no-sandbox</c>.
/// Whatever one submission does (crash, hang, huge files, a forged or broken report) is that
/// submission's status only: the class always gets its grades.
/// </summary>
internal sealed class AutogradeCommand(IAnsiConsole console)
{
    public sealed record Settings(string Submissions, string? Source, string? Output, TimeSpan CellTimeout, TimeSpan NotebookTimeout, int Jobs, bool NoSandbox = false);

    /// <summary>The largest submitted notebook graded: 16 MiB; a larger one is refused before it is read.</summary>
    public const long MaxSubmissionBytes = 16L << 20;

    /// <summary>The largest report or executed copy read back from a worker.</summary>
    public const long MaxWorkerFileBytes = WorkerSandbox.FileBytes;

    private sealed record Lesson(string Name, string Path, Notebook Source, IReadOnlyList<Exercise> Exercises);

    // A lesson's Returns checks with the values its source expects, or why they could not be had.
    private sealed record Expected(IReadOnlyList<CheckProbes.Probe> Probes, IReadOnlyDictionary<string, JsonObject> Values, string? Problem);

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
        var sandbox = settings.NoSandbox ? null : WorkerSandbox.Find();
        if (sandbox is null && !settings.NoSandbox)
        {
            console.MarkupLine("[red]error:[/] bubblewrap (bwrap) is not installed, so student code would run with your rights. Install it (Debian and Ubuntu: apt install bubblewrap), or pass --no-sandbox to grade anyway: a submission could then read your solutions and hidden tests, change or delete your files, and outlive the run.");
            return 1;
        }
        if (sandbox is null)
        {
            console.MarkupLine("[yellow]warning:[/] --no-sandbox: student code runs with your rights; it can read your solutions and hidden tests and change your files.");
        }
        var lessons = new Dictionary<string, Lesson>(StringComparer.Ordinal);
        foreach (var path in CourseLayout.Expand([sourceFolder], course))
        {
            try
            {
                var notebook = NotebookFile.Load(path);
                var name = System.IO.Path.GetFileNameWithoutExtension(path);
                // The worker runs the lesson as this path from its own folder: a relative one would name nothing there.
                lessons[name] = new Lesson(name, System.IO.Path.GetFullPath(path), notebook, ExerciseMap.Find(notebook));
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

        var clock = Stopwatch.StartNew();
        // The expected values come from a run of each source, before any student's: no student
        // code is in that run, and none of its values is sent to a student's.
        var expected = new Dictionary<string, Expected>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(assigned, new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellationToken },
            async (lesson, ct) =>
            {
                var values = await ExpectedAsync(lesson, settings, sandbox, course, ct);
                lock (expected)
                {
                    expected[lesson.Name] = values;
                }
            });
        var work = students.SelectMany(s => assigned.Select(l => (Student: s, Lesson: l))).ToList();
        var grades = new LessonGrade[work.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                grades[i] = await GradeSafelyAsync(work[i].Student, work[i].Lesson, expected[work[i].Lesson.Name], output, settings, sandbox, course, ct);
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
        // The grader's own peak memory: the workers' excesses must not reach it.
        using var self = Process.GetCurrentProcess();
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Grader peak memory: {self.PeakWorkingSet64 / (1 << 20)} MB");
        return 0;
    }

    private static LessonGrade Zero(string student, Lesson lesson, string status, string message) =>
        new(student, lesson.Name, status, [.. lesson.Exercises.Select(e => new ExerciseOutcome(e, ExerciseState.Missing, message))]);

    // Nothing one submission does may cost the class its grades: any failure of the grading itself
    // is this submission's status, with zero points.
    private static async Task<LessonGrade> GradeSafelyAsync(string studentFolder, Lesson lesson, Expected expected, string output, Settings settings,
        WorkerSandbox? sandbox, CourseLayout? course, CancellationToken cancellationToken)
    {
        var student = System.IO.Path.GetFileName(studentFolder);
        try
        {
            return await GradeAsync(studentFolder, lesson, expected, output, settings, sandbox, course, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Zero(student, lesson, $"not graded: {ex.GetType().Name}", $"The grader could not grade this submission: {ex.Message}");
        }
    }

    // Runs the source with its checks recording what they expect (CheckProbes.Side.Expected).
    private static async Task<Expected> ExpectedAsync(Lesson lesson, Settings settings, WorkerSandbox? sandbox, CourseLayout? course, CancellationToken cancellationToken)
    {
        var notebook = lesson.Source.Clone();
        notebook.ClearOutputs();
        var probes = CheckProbes.Apply(notebook, lesson.Exercises, CheckProbes.Side.Expected);
        // Only the grader decides a point: an exercise none of whose checks it sees could never earn one.
        if (lesson.Exercises.FirstOrDefault(e => !probes.Any(p => e.Cells.Contains(p.Cell))) is { } unjudged)
        {
            return new Expected(probes, new Dictionary<string, JsonObject>(),
                $"exercise {unjudged.Number} of {lesson.Name} (\"{unjudged.Title}\") has no check the grader can judge (write its checks as Check.Exercise({unjudged.Number}).Returns(…), ReturnsLessThan(…) or Throws<…>(…))");
        }
        if (probes.Count == 0)
        {
            return new Expected(probes, new Dictionary<string, JsonObject>(), null);
        }
        var work = Directory.CreateTempSubdirectory("nl-expected-").FullName;
        try
        {
            var input = System.IO.Path.Combine(work, "input.ipynb");
            var found = System.IO.Path.Combine(work, "probes.jsonl");
            NotebookFile.Save(notebook, input);
            var (exitCode, timedOut) = await RunWorkerAsync(input, lesson.Path, System.IO.Path.Combine(work, "report.jsonl"), System.IO.Path.Combine(work, "executed.ipynb"),
                found, work, settings, sandbox, course, cancellationToken);
            var values = ProbeVerdict.Read(found, MaxWorkerFileBytes, probes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
            var missing = values is null ? probes.Count : probes.Count(p => !values.ContainsKey(p.Id));
            var problem = timedOut ? $"the run of {lesson.Name}'s source timed out"
                : exitCode != 0 ? $"the run of {lesson.Name}'s source crashed (exit code {exitCode})"
                : missing > 0 ? $"the run of {lesson.Name}'s source recorded no expected value for {missing} of its {probes.Count} checks (run it with lessons run to see why)"
                : null;
            return new Expected(probes, values ?? [], problem);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<LessonGrade> GradeAsync(string studentFolder, Lesson lesson, Expected expected, string output, Settings settings,
        WorkerSandbox? sandbox, CourseLayout? course, CancellationToken cancellationToken)
    {
        var student = System.IO.Path.GetFileName(studentFolder);
        LessonGrade Zero(string status, string message) => AutogradeCommand.Zero(student, lesson, status, message);
        if (expected.Problem is { } problem)
        {
            return Zero("not graded: the source failed", $"The expected values could not be had: {problem}.");
        }

        var submitted = System.IO.Path.Combine(studentFolder, lesson.Name + ".ipynb");
        if (!File.Exists(submitted))
        {
            return Zero("not submitted", $"{lesson.Name}.ipynb is not in the submission.");
        }
        var size = new FileInfo(submitted).Length;
        if (size > MaxSubmissionBytes)
        {
            return Zero("too large", $"{lesson.Name}.ipynb is {size:N0} bytes; submissions over {MaxSubmissionBytes:N0} bytes are not graded.");
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

        var (graded, missingAnswers, matching) = GradedNotebook.BuildMatched(lesson.Source, lesson.Path, submission);
        // The worker gets each check's call only: the expected values stay here.
        var probes = CheckProbes.Apply(graded, lesson.Exercises, CheckProbes.Side.Actual);
        var folder = System.IO.Path.Combine(output, student);
        Directory.CreateDirectory(folder);
        // The worker sees only this folder of its own: its input, and where it writes.
        var work = Directory.CreateTempSubdirectory("nl-grade-").FullName;
        var input = System.IO.Path.Combine(work, "input.ipynb");
        var report = System.IO.Path.Combine(work, "report.jsonl");
        var executedInWork = System.IO.Path.Combine(work, "executed.ipynb");
        var probesInWork = System.IO.Path.Combine(work, "probes.jsonl");
        var codeCells = graded.Cells.Count(c => c.Kind == CellKind.Code);
        int exitCode;
        bool timedOut;
        List<CellReport>? reports;
        Dictionary<string, JsonObject>? found;
        try
        {
            NotebookFile.Save(graded, input);
            (exitCode, timedOut) = await RunWorkerAsync(input, lesson.Path, report, executedInWork, probesInWork, work, settings, sandbox, course, cancellationToken);
            reports = CellReport.ReadChecked(report, MaxWorkerFileBytes, codeCells, graded.Cells.Count);
            found = ProbeVerdict.Read(probesInWork, MaxWorkerFileBytes, probes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
            var executed = System.IO.Path.Combine(folder, lesson.Name + ".ipynb");
            File.Delete(executed);
            if (File.Exists(executedInWork) && new FileInfo(executedInWork).Length <= MaxWorkerFileBytes)
            {
                File.Copy(executedInWork, executed);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        if (reports is null || found is null)
        {
            return Zero("malformed report", "The worker's report was too large, repeated a cell or named cells the notebook does not have: nothing in it counts.");
        }
        var runs = reports.Select(r => r.ToCellRun()).ToList();
        var outcomes = ExerciseOutcome.Evaluate(lesson.Exercises, runs).ToList();
        // An exercise whose cells all ran is judged here, check by check, on what its calls returned.
        for (var i = 0; i < outcomes.Count; i++)
        {
            var exercise = outcomes[i].Exercise;
            if (outcomes[i].State != ExerciseState.Passed)
            {
                continue;
            }
            foreach (var probe in probes.Where(p => exercise.Cells.Contains(p.Cell)))
            {
                if (ProbeVerdict.Judge(exercise.Number, expected.Values[probe.Id], found.GetValueOrDefault(probe.Id)) is { } failed)
                {
                    outcomes[i] = outcomes[i] with { State = failed.State, Message = failed.Message };
                    break;
                }
            }
        }
        // "graded" only when the worker ended normally after reporting every cell: an exit half way is not a finished run.
        var status = timedOut
            ? $"timed out after {settings.NotebookTimeout.TotalSeconds:0} s"
            : exitCode != 0 ? $"crashed (exit code {exitCode})"
            : runs.Count < codeCells ? $"stopped after {runs.Count} of {codeCells} cells"
            : "graded";
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
        return new LessonGrade(student, lesson.Name, matching is null ? status : $"{status} ({matching})", outcomes);
    }

    private static async Task<(int ExitCode, bool TimedOut)> RunWorkerAsync(string input, string runAs, string report, string executed, string probes, string work,
        Settings settings, WorkerSandbox? sandbox, CourseLayout? course, CancellationToken cancellationToken)
    {
        var (host, prefix) = ThisCommand.CommandLine();
        var arguments = new List<string>(prefix);
        arguments.AddRange([
            GradeOneCommand.Name, input, "--as", runAs, "--report", report, "--executed", executed, "--probes", probes,
            "--timeout", settings.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        ]);
        ProcessStartInfo start;
        if (sandbox is not null)
        {
            course ??= CourseLayout.Find(AppContext.BaseDirectory);
            var runtime = System.IO.Path.GetDirectoryName(new FileInfo(host).LinkTarget is { } target
                ? System.IO.Path.GetFullPath(target, System.IO.Path.GetDirectoryName(host)!) : host)!;
            string[] readable = [runtime, AppContext.BaseDirectory, .. course is null ? Array.Empty<string>() : [System.IO.Path.Combine(course.Root, "lib", "NetworkingLessons", "bin")]];
            start = sandbox.Wrap(host, arguments, work, readable, new Dictionary<string, string> { [CourseVariables.Offline] = "1" },
                settings.NotebookTimeout * 2);
        }
        else
        {
            start = new ProcessStartInfo(host) { UseShellExecute = false };
            arguments.ForEach(start.ArgumentList.Add);
            start.Environment[CourseVariables.Offline] = "1";
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        // Drain the worker's output so that it never blocks on a full pipe, keeping none of it
        // (graders read the report): 500 MB of output costs nothing here.
        var drain = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None),
            process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.NotebookTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
        }
        // Whatever the worker left running (a child holding the pipes, say) goes with it.
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        await process.WaitForExitAsync(CancellationToken.None);
        await drain.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
        return (process.ExitCode, timedOut);
    }
}
