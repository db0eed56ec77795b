using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Grading;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Grading;

public sealed class AutogradeCommandTests : IDisposable
{
    private readonly SyntheticClass _class = new();

    public void Dispose() => _class.Dispose();

    [PeerFact(Peer.Bubblewrap)]
    public async Task Autograde_EveryLesson_TheSolutionGetsFullMarks_AndTheStudentCopyIsToDo()
    {
        // The grader judges each Returns check from what the student's run reported against what
        // the source's run expected: every lesson's own solution must pass that way, every check
        // kind and value of the course included (collection expressions, records, tuples, hex).
        using var folder = new TempFolder("autograde-course");
        var submissions = Directory.CreateDirectory(Path.Combine(folder.Path, "class")).FullName;
        var solver = Directory.CreateDirectory(Path.Combine(submissions, "solver")).FullName;
        var stub = Directory.CreateDirectory(Path.Combine(submissions, "stub")).FullName;
        // Lesson 12 is left out: it measures a thousand clients, and beside the other test classes
        // on a 2-core machine its run once stopped before its exercises (alone it passes).
        var lessons = Directory.GetFiles(CourseFiles.Solutions)
            .Where(f => f.EndsWith(".dib", StringComparison.Ordinal) || f.EndsWith(".ipynb", StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).StartsWith("12-", StringComparison.Ordinal)).ToList();
        foreach (var source in lessons)
        {
            var name = Path.GetFileNameWithoutExtension(source);
            Notebooks.Documents.NotebookFile.Save(Notebooks.Documents.NotebookFile.Load(source), Path.Combine(solver, name + ".ipynb"));
            File.Copy(Path.Combine(CourseFiles.Notebooks, name + ".ipynb"), Path.Combine(stub, name + ".ipynb"));
        }
        var output = Path.Combine(folder.Path, "grades");

        // 34 submissions: about 3 minutes alone on the 2-core machine, more beside the other tests.
        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(TimeSpan.FromMinutes(20), CourseFiles.Root, "autograde", submissions, "--out", output, "--jobs", "2");

        Assert.True(code == 0, stdout + stderr);
        var rows = File.ReadAllLines(Path.Combine(output, "grades.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var withExercises = lessons.Count(l => ExerciseMap.Find(Notebooks.Documents.NotebookFile.Load(l)).Count > 0);
        Assert.Equal(withExercises, rows.Where(r => r[0] == "solver").Select(r => r[1]).Distinct().Count());
        Assert.All(rows.Where(r => r[0] == "solver"), r => Assert.True(r[5] == "passed", string.Join(",", r)));
        Assert.All(rows.Where(r => r[0] == "stub"), r => Assert.True(r[5] == "to do", string.Join(",", r)));
        Assert.Equal(rows.Count / 2, rows.Count(r => r[0] == "stub"));
    }

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
        _class.Submit("hangs", _class.Answer((1, SyntheticClass.Double("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite); return 0;"))));
        _class.Submit("perfect", _class.Perfect());
        var output = Path.Combine(_class.Root, "grades");

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_class.Root, "autograde", _class.Submissions,
            "--source", _class.Sources, "--out", output, "--timeout", "60", "--notebook-timeout", "20");

        Assert.True(code == 0, stdout + stderr);
        var csv = File.ReadAllLines(Path.Combine(output, "grades.csv"));
        Assert.Contains("hangs,02-sample,1,0,1,timed out", csv);
        Assert.Contains("hangs,02-sample,2,0,2,not run", csv);
        Assert.Contains("perfect,02-sample,2,2,2,passed", csv);
    }

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
