using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
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
/// per-notebook timeout, several students at a time. A student's lessons share that student's
/// child (it compiles faster once warm); a lesson that crashes it, outlasts its timeout or leaves a
/// cell running costs only itself, since the lessons after it are graded again in children of their
/// own. On Linux each child runs in a bubblewrap sandbox
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
        // One worker per student: that student's lessons share a process (and its warmed-up compiler), never another student's.
        var grades = new LessonGrade[students.Count * assigned.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, students.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellationToken },
            async (s, ct) =>
            {
                var graded = await GradeStudentAsync(students[s], assigned, expected, output, settings, sandbox, course, ct);
                for (var j = 0; j < graded.Count; j++)
                {
                    var grade = grades[(s * assigned.Count) + j] = graded[j];
                    console.MarkupLineInterpolated($"  {grade.Student} / {grade.Lesson}: {grade.Points}/{grade.MaxPoints} ({grade.Status})");
                }
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
            $"Graded {grades.Length} submissions of {students.Count} students in {clock.Elapsed.TotalSeconds:0.0} s; {GradeReport.CsvFile} and {GradeReport.JsonFile} in {output}");
        // The grader's own peak memory: the workers' excesses must not reach it.
        using var self = Process.GetCurrentProcess();
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Grader peak memory: {self.PeakWorkingSet64 / (1 << 20)} MB");
        return 0;
    }

    private static LessonGrade Zero(string student, Lesson lesson, string status, string message) =>
        new(student, lesson.Name, status, [.. lesson.Exercises.Select(e => new ExerciseOutcome(e, ExerciseState.Missing, message))]);

    private static LessonGrade NotGraded(string student, Lesson lesson, Exception ex) =>
        Zero(student, lesson, $"not graded: {ex.GetType().Name}", $"The grader could not grade this submission: {ex.Message}");

    // One submission ready for a worker: the notebook it runs, and what the grader needs to judge it.
    private sealed record Prepared(Lesson Lesson, Expected Expected, Notebook Graded, IReadOnlyList<CheckProbes.Probe> Probes,
        IReadOnlyList<Exercise> MissingAnswers, string? Matching);

    // A student's lessons, in the order of assigned. They run in one worker; those it did not reach
    // (it crashed, timed out or stopped on a cell it could not stop) run again, each in a worker of
    // its own, so that what one submission does is that submission's status only. Nothing one
    // submission does may cost the class its grades: any failure of the grading itself is that
    // submission's status, with zero points.
    private static async Task<IReadOnlyList<LessonGrade>> GradeStudentAsync(string studentFolder, IReadOnlyList<Lesson> assigned,
        IReadOnlyDictionary<string, Expected> expected, string output, Settings settings, WorkerSandbox? sandbox, CourseLayout? course,
        CancellationToken cancellationToken)
    {
        var student = System.IO.Path.GetFileName(studentFolder);
        var grades = new LessonGrade[assigned.Count];
        var pending = new List<(int Index, Prepared Lesson)>();
        for (var j = 0; j < assigned.Count; j++)
        {
            try
            {
                if (TryPrepare(studentFolder, assigned[j], expected[assigned[j].Name], out var ready, out var refused))
                {
                    pending.Add((j, ready));
                }
                else
                {
                    grades[j] = refused;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                grades[j] = NotGraded(student, assigned[j], ex);
            }
        }
        var alone = false;
        while (pending.Count > 0)
        {
            var batch = alone ? pending[..1] : pending;
            IReadOnlyList<LessonGrade?> done;
            try
            {
                done = await GradeInOneWorkerAsync(student, [.. batch.Select(b => b.Lesson)], output, settings, sandbox, course, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                done = [.. batch.Select(b => NotGraded(student, b.Lesson.Lesson, ex))];
            }
            var notReached = new List<(int, Prepared)>();
            for (var k = 0; k < batch.Count; k++)
            {
                if (done[k] is { } grade)
                {
                    grades[batch[k].Index] = grade;
                }
                else
                {
                    notReached.Add(batch[k]);
                }
            }
            pending = [.. notReached, .. pending.Skip(batch.Count)];
            alone = true;
        }
        return grades;
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
            var folder = Directory.CreateDirectory(System.IO.Path.Combine(work, lesson.Name)).FullName;
            var found = System.IO.Path.Combine(folder, WorkerFile.Probes);
            NotebookFile.Save(notebook, System.IO.Path.Combine(folder, WorkerFile.Input));
            var (exitCode, timedOut, _) = await RunWorkerAsync([(folder, lesson.Path)], work, settings, sandbox, course, cancellationToken);
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

    // The notebook a worker is to run (true), or the grade of a submission that failed a check
    // before any of it runs (false).
    private static bool TryPrepare(string studentFolder, Lesson lesson, Expected expected,
        [NotNullWhen(true)] out Prepared? ready, [NotNullWhen(false)] out LessonGrade? refused)
    {
        var student = System.IO.Path.GetFileName(studentFolder);
        ready = null;
        bool Refuse(string status, string message, out LessonGrade grade)
        {
            grade = Zero(student, lesson, status, message);
            return false;
        }
        if (expected.Problem is { } problem)
        {
            return Refuse("not graded: the source failed", $"The expected values could not be had: {problem}.", out refused);
        }

        var submitted = System.IO.Path.Combine(studentFolder, lesson.Name + ".ipynb");
        if (!File.Exists(submitted))
        {
            return Refuse("not submitted", $"{lesson.Name}.ipynb is not in the submission.", out refused);
        }
        var size = new FileInfo(submitted).Length;
        if (size > MaxSubmissionBytes)
        {
            return Refuse("too large", $"{lesson.Name}.ipynb is {size:N0} bytes; submissions over {MaxSubmissionBytes:N0} bytes are not graded.", out refused);
        }
        Notebook submission;
        try
        {
            submission = NotebookFile.Load(submitted);
        }
        catch (NotebookFormatException ex)
        {
            return Refuse($"invalid notebook: {ex.Problem}", ex.Message, out refused);
        }

        var (graded, missingAnswers, matching) = GradedNotebook.BuildMatched(lesson.Source, lesson.Path, submission);
        // The worker gets each check's call only: the expected values stay here.
        var probes = CheckProbes.Apply(graded, lesson.Exercises, CheckProbes.Side.Actual);
        ready = new Prepared(lesson, expected, graded, probes, missingAnswers, matching);
        refused = null;
        return true;
    }

    // Runs the lessons in one worker, then judges each it reached; null for those it did not.
    private static async Task<IReadOnlyList<LessonGrade?>> GradeInOneWorkerAsync(string student, IReadOnlyList<Prepared> lessons, string output, Settings settings,
        WorkerSandbox? sandbox, CourseLayout? course, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.Combine(output, student);
        Directory.CreateDirectory(folder);
        // The worker sees only this folder of its own: its inputs, and where it writes.
        var work = Directory.CreateTempSubdirectory("nl-grade-").FullName;
        try
        {
            var folders = lessons.Select(l => Directory.CreateDirectory(System.IO.Path.Combine(work, l.Lesson.Name)).FullName).ToList();
            for (var k = 0; k < lessons.Count; k++)
            {
                NotebookFile.Save(lessons[k].Graded, System.IO.Path.Combine(folders[k], WorkerFile.Input));
            }
            var (exitCode, timedOut, stoppedIn) = await RunWorkerAsync([.. folders.Select((f, k) => (f, lessons[k].Lesson.Path))], work, settings, sandbox, course, cancellationToken);
            var grades = new LessonGrade?[lessons.Count];
            for (var k = 0; k < lessons.Count; k++)
            {
                // The lessons before the one the worker stopped in finished; the one it stopped in
                // has the worker's ending, unless it never began; those after were not reached.
                // (A worker alone with its lesson always gets its grade.)
                var began = File.Exists(System.IO.Path.Combine(folders[k], WorkerFile.Report));
                if (lessons.Count > 1 && (k > stoppedIn || (k == stoppedIn && !began)))
                {
                    continue;
                }
                try
                {
                    grades[k] = k < stoppedIn
                        ? Judge(student, lessons[k], folders[k], folder, 0, false, settings)
                        : Judge(student, lessons[k], folders[k], folder, exitCode, timedOut, settings);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    grades[k] = NotGraded(student, lessons[k].Lesson, ex);
                }
            }
            return grades;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // One lesson's grade from what its worker left in its folder.
    private static LessonGrade Judge(string student, Prepared prepared, string lessonWork, string studentOutput, int exitCode, bool timedOut, Settings settings)
    {
        var (lesson, expected, graded, probes, missingAnswers, matching) = prepared;
        LessonGrade Zero(string status, string message) => AutogradeCommand.Zero(student, lesson, status, message);
        var codeCells = graded.Cells.Count(c => c.Kind == CellKind.Code);
        var reports = CellReport.ReadChecked(System.IO.Path.Combine(lessonWork, WorkerFile.Report), MaxWorkerFileBytes, codeCells, graded.Cells.Count);
        var found = ProbeVerdict.Read(System.IO.Path.Combine(lessonWork, WorkerFile.Probes), MaxWorkerFileBytes, probes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
        var executedInWork = System.IO.Path.Combine(lessonWork, WorkerFile.Executed);
        var executed = System.IO.Path.Combine(studentOutput, lesson.Name + ".ipynb");
        File.Delete(executed);
        if (File.Exists(executedInWork) && new FileInfo(executedInWork).Length <= MaxWorkerFileBytes)
        {
            File.Copy(executedInWork, executed);
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

    // How often the grader looks at which lesson a worker has reached.
    private static readonly TimeSpan Progress = TimeSpan.FromMilliseconds(100);

    // Runs one worker over the lessons (each a folder holding its input, and the path it runs as).
    // Each lesson has the notebook timeout from when the one before it finished; StoppedIn is the
    // first lesson the worker did not finish (lessons.Count when it finished them all).
    private static async Task<(int ExitCode, bool TimedOut, int StoppedIn)> RunWorkerAsync(IReadOnlyList<(string Folder, string RunAs)> lessons, string work,
        Settings settings, WorkerSandbox? sandbox, CourseLayout? course, CancellationToken cancellationToken)
    {
        var (host, prefix) = LessonsCommandLine.Find();
        var arguments = new List<string>(prefix) { GradeOneCommand.Name };
        arguments.AddRange(lessons.Select(l => l.Folder));
        arguments.Add("--as");
        arguments.AddRange(lessons.Select(l => l.RunAs));
        arguments.AddRange(["--timeout", settings.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)]);
        ProcessStartInfo start;
        if (sandbox is not null)
        {
            course ??= CourseLayout.Find(AppContext.BaseDirectory);
            var runtime = System.IO.Path.GetDirectoryName(new FileInfo(host).LinkTarget is { } target
                ? System.IO.Path.GetFullPath(target, System.IO.Path.GetDirectoryName(host)!) : host)!;
            string[] readable = [runtime, AppContext.BaseDirectory, .. course is null ? Array.Empty<string>() : [System.IO.Path.Combine(course.Root, "lib", "NetworkingLessons", "bin")]];
            start = sandbox.Wrap(host, arguments, work, readable, new Dictionary<string, string> { [CourseVariables.Offline] = "1" },
                settings.NotebookTimeout * 2 * lessons.Count);
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
        // A lesson is finished when its executed copy is saved. The count only grows, and each step
        // restarts the clock, so a worker that forges a copy gains at most one timeout per lesson.
        var stoppedIn = 0;
        int Finished()
        {
            while (stoppedIn < lessons.Count && File.Exists(System.IO.Path.Combine(lessons[stoppedIn].Folder, WorkerFile.Executed)))
            {
                stoppedIn++;
            }
            return stoppedIn;
        }
        var timedOut = false;
        var exit = process.WaitForExitAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAny(exit, Task.Delay(Progress, cancellationToken));
            var before = stoppedIn;
            if (Finished() > before)
            {
                clock.Restart();
            }
            if (exit.IsCompleted)
            {
                break;
            }
            if (clock.Elapsed > settings.NotebookTimeout)
            {
                timedOut = true;
                break;
            }
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
        return (process.ExitCode, timedOut, timedOut ? stoppedIn : Finished());
    }
}
