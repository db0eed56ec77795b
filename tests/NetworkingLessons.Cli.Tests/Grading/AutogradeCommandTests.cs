using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Grading;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Grading;

public sealed class AutogradeCommandTests : IDisposable
{
    private readonly SyntheticClass _class = new();

    public void Dispose() => _class.Dispose();

    [PeerFact(Peer.Bubblewrap)]
    public async Task Autograde_SyntheticClass_WritesExactlyTheExpectedGrades()
    {
        var exercises = ExerciseMap.Find(_class.Source);
        var check1 = exercises[0].CheckCells.Single();
        var answer2 = exercises[1].AnswerCells.Single();
        var wrongDouble = SyntheticClass.Double("return x + 2;"); // right for 2, wrong for the hidden -3

        _class.Submit("perfect", _class.Perfect());
        _class.Submit("empty", _class.StudentCopy);
        _class.Submit("infinite", _class.Answer((1, SyntheticClass.Double("while (true) { }")), (2, SyntheticClass.Loopback("return \"127.0.0.1\";"))));
        _class.Submit("deleted", _class.Without(_class.Answer((1, wrongDouble)), check1, answer2));
        _class.Submit("corrupt", "{ \"cells\": [ oops");
        var edited = _class.Answer((1, wrongDouble), (2, SyntheticClass.Loopback("return IPAddress.Loopback.ToString();")));
        edited.Cells.Single(c => c.Id == StudentCopy.CellId(_class.Source, check1)).Source = "Check.Exercise(1).Returns(() => 1, 1);";
        _class.Submit("edits-check", edited);
        _class.Submit("exits", _class.Answer((1, SyntheticClass.Double("Environment.Exit(3); return 0;"))));
        var output = Path.Combine(_class.Root, "grades");

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_class.Root, "autograde", _class.Submissions,
            "--source", _class.Sources, "--out", output, "--timeout", "2", "--jobs", "2");

        Assert.True(code == 0, stdout + stderr);
        Assert.Equal("""
            student,lesson,exercise,points,max_points,status
            corrupt,02-sample,1,0,1,missing
            corrupt,02-sample,2,0,2,missing
            deleted,02-sample,1,0,1,failed
            deleted,02-sample,2,0,2,missing
            edits-check,02-sample,1,0,1,failed
            edits-check,02-sample,2,2,2,passed
            empty,02-sample,1,0,1,to do
            empty,02-sample,2,0,2,to do
            exits,02-sample,1,0,1,not run
            exits,02-sample,2,0,2,not run
            infinite,02-sample,1,0,1,timed out
            infinite,02-sample,2,2,2,passed
            perfect,02-sample,1,1,1,passed
            perfect,02-sample,2,2,2,passed

            """.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(output, "grades.csv")));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "grades.json")))!["grades"]!.AsArray();
        string Status(string student) => json.Single(g => g!["student"]!.GetValue<string>() == student)!["status"]!.GetValue<string>();
        string Message(string student, int exercise) => json.Single(g => g!["student"]!.GetValue<string>() == student)!["exercises"]![exercise - 1]!["message"]!.GetValue<string>();
        Assert.StartsWith("invalid notebook: not valid JSON", Status("corrupt"), StringComparison.Ordinal);
        Assert.Equal("crashed (exit code 3)", Status("exits"));
        Assert.Equal("graded", Status("infinite"));
        Assert.Contains("Double(-3) returned -1; expected -6", Message("edits-check", 1), StringComparison.Ordinal);
        Assert.Contains("Double(-3) returned -1; expected -6", Message("deleted", 1), StringComparison.Ordinal);
        Assert.Contains("the answer cell was deleted", Message("deleted", 2), StringComparison.Ordinal);
        Assert.Contains("stopped after 2 s in a loop", Message("infinite", 1), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "perfect", "02-sample.ipynb")));

        // Feedback: one page per student and lesson, with points, messages, code and outputs.
        var feedback = Path.Combine(_class.Root, "feedback");
        var (feedbackCode, feedbackOut, _) = await CourseFiles.LessonsAsync(_class.Root, "feedback", output, "--out", feedback);
        Assert.True(feedbackCode == 0, feedbackOut);
        var page = File.ReadAllText(Path.Combine(feedback, "edits-check", "02-sample.html"));
        Assert.Contains("2 of 3 points", page, StringComparison.Ordinal);
        Assert.Contains("Exercise 1: a hidden check failed", page, StringComparison.Ordinal); // never the hidden call or its values
        Assert.DoesNotContain("Double(-3)", page, StringComparison.Ordinal);
        Assert.Contains("return x + 2;", page, StringComparison.Ordinal); // the student's own code
        Assert.Contains("Content-Security-Policy", page, StringComparison.Ordinal); // student output cannot run scripts
        Assert.Contains("could not be run", File.ReadAllText(Path.Combine(feedback, "corrupt", "02-sample.html")), StringComparison.Ordinal);
        Assert.Contains("edits-check/02-sample.html", File.ReadAllText(Path.Combine(feedback, "index.html")), StringComparison.Ordinal);
    }

    [PeerFact(Peer.Bubblewrap)]
    public async Task Autograde_NotebookTimeout_StopsTheSubmissionAndGradesTheRest()
    {
        // The hanging lesson is the second of three the student's worker runs: the third is graded in a worker of its own.
        _class.AddLesson("03-sample");
        _class.AddLesson("04-sample");
        foreach (var lesson in new[] { SyntheticClass.Lesson, "03-sample", "04-sample" })
        {
            _class.Submit("perfect", _class.Perfect(), lesson);
            _class.Submit("hangs", lesson == "03-sample"
                ? _class.Answer((1, SyntheticClass.Double("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite); return 0;")))
                : _class.Perfect(), lesson);
        }
        var output = Path.Combine(_class.Root, "grades");

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_class.Root, "autograde", _class.Submissions,
            "--source", _class.Sources, "--out", output, "--timeout", "60", "--notebook-timeout", "20");

        Assert.True(code == 0, stdout + stderr);
        var csv = File.ReadAllLines(Path.Combine(output, "grades.csv"));
        Assert.Contains("hangs,03-sample,1,0,1,timed out", csv);
        Assert.Contains("hangs,03-sample,2,0,2,not run", csv);
        Assert.Contains("hangs,02-sample,2,2,2,passed", csv);
        Assert.Contains("hangs,04-sample,2,2,2,passed", csv);
        Assert.Contains("perfect,03-sample,2,2,2,passed", csv);
    }

    [PeerFact(Peer.Bubblewrap)]
    public async Task Autograde_AStudentsLessonsShareAWorker_AndOneThatEndsItCostsOnlyItself()
    {
        _class.AddLesson("03-sample");
        _class.AddLesson("04-sample");
        // Each answer prints when its process started: one worker, one time.
        const string Stamp = "Console.WriteLine($\"worker started {System.Diagnostics.Process.GetCurrentProcess().StartTime.Ticks}\");\n";
        Notebooks.Documents.Notebook Stamped(string? instead = null) => _class.Answer((1, Stamp + (instead ?? "") + SyntheticClass.Double("return 2 * x;")),
            (2, SyntheticClass.Loopback("return IPAddress.Loopback.ToString();")));
        foreach (var lesson in new[] { SyntheticClass.Lesson, "03-sample", "04-sample" })
        {
            var middle = lesson == "03-sample";
            _class.Submit("steady", Stamped(), lesson);
            _class.Submit("exits", Stamped(middle ? "Environment.Exit(7);\n" : null), lesson);
            // A cell the timeout cannot stop: the lesson goes on in a new kernel, the process does not.
            // (SpinWait takes no token and checks nothing.)
            _class.Submit("stuck", Stamped(middle ? "System.Threading.Thread.SpinWait(int.MaxValue);\n" : null), lesson);
        }
        var output = Path.Combine(_class.Root, "grades");

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_class.Root, "autograde", _class.Submissions,
            "--source", _class.Sources, "--out", output, "--timeout", "3", "--jobs", "2");

        Assert.True(code == 0, stdout + stderr);
        var csv = File.ReadAllLines(Path.Combine(output, "grades.csv"));
        string Started(string student, string lesson) =>
            System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(output, student, lesson + ".ipynb")), @"worker started (\d+)").Groups[1].Value;
        foreach (var student in new[] { "steady", "exits", "stuck" })
        {
            Assert.Contains($"{student},02-sample,2,2,2,passed", csv);
            Assert.Contains($"{student},04-sample,1,1,1,passed", csv);
            Assert.Contains($"{student},04-sample,2,2,2,passed", csv);
        }
        Assert.All(new[] { "03-sample", "04-sample" }, lesson => Assert.Equal(Started("steady", "02-sample"), Started("steady", lesson)));
        Assert.NotEqual("", Started("steady", "02-sample"));
        Assert.Contains("exits,03-sample,1,0,1,not run", csv);
        Assert.Equal("crashed (exit code 7)", Status(output, "exits", "03-sample"));
        Assert.Contains("stuck,03-sample,1,0,1,timed out", csv);
        // The lesson after the one that ended the worker ran in a new one.
        Assert.NotEqual(Started("exits", "02-sample"), Started("exits", "04-sample"));
        Assert.NotEqual(Started("stuck", "02-sample"), Started("stuck", "04-sample"));
        Assert.Equal(Started("stuck", "02-sample"), Started("stuck", "03-sample"));
    }

    private static string? Status(string output, string student, string lesson) =>
        (string?)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, "grades.json")))!["grades"]!.AsArray()
            .First(g => (string?)g!["student"] == student && (string?)g["lesson"] == lesson)!["status"];

    [PeerFact(Peer.Bubblewrap)]
    public async Task Autograde_AnExerciseWhoseChecksTheGraderCannotSee_IsNotGradedAndSaysWhy()
    {
        // A check not written as a Check.Exercise(n) chain is not rewritten, so it would judge in the student's process.
        File.WriteAllText(_class.SourcePath, File.ReadAllText(_class.SourcePath).Replace(
            "Check.Exercise(2).Returns(", "var second = Check.Exercise(2);\nsecond.Returns(", StringComparison.Ordinal));
        _class.Submit("perfect", _class.Perfect());
        var output = Path.Combine(_class.Root, "grades");

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_class.Root, "autograde", _class.Submissions,
            "--source", _class.Sources, "--out", output);

        Assert.True(code == 0, stdout + stderr);
        var grade = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "grades.json")))!["grades"]![0]!;
        Assert.Equal("not graded: the source failed", (string?)grade["status"]);
        Assert.Contains("exercise 2 of 02-sample (\"Loopback\") has no check the grader can judge", (string?)grade["exercises"]![1]!["message"], StringComparison.Ordinal);
        Assert.Equal(0, grade["exercises"]!.AsArray().Sum(e => (int)e!["points"]!));
    }

    [PeerFact(Peer.Bubblewrap)]
    public async Task Autograde_ARelativeSourceFolder_GradesAsItsFullPathWould()
    {
        _class.Submit("perfect", _class.Perfect());

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_class.Root, "autograde", "submissions", "--source", "solutions", "--out", "grades");

        Assert.True(code == 0, stdout + stderr);
        Assert.Equal(["perfect,02-sample,1,1,1,passed", "perfect,02-sample,2,2,2,passed"], File.ReadAllLines(Path.Combine(_class.Root, "grades", "grades.csv")).Skip(1));
    }

    [Fact]
    public async Task Autograde_MissingSubmissionsFolder_ExitsOneNamingIt()
    {
        var (code, stdout, _) = await CourseFiles.LessonsAsync(_class.Root, "autograde", "no-such-class", "--source", _class.Sources);

        Assert.Equal(1, code);
        Assert.Contains("no-such-class: no such folder of submissions", stdout, StringComparison.Ordinal);
    }
}
