using System.Security.Cryptography;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Grading;

/// <summary>
/// A class with cheating and destructive students beside honest ones, graded in one run, in the
/// sandbox. Each attack answers exercise 1 correctly only if the attack worked, so a point for it
/// is a hole. The honest students' grades must be those of a run without the attackers; the
/// instructor's folders must be byte for byte as before; no process of the run may outlive it.
/// </summary>
public sealed class AttackTests : IDisposable
{
    private readonly SyntheticClass _class = new();

    public void Dispose() => _class.Dispose();

    private string Marker { get; } = "9" + RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Library => Path.Combine(CourseFiles.Root, "lib", "NetworkingLessons", "bin", "Debug", "net10.0", "NetworkingLessons.dll");

    private string Readme => Path.Combine(_class.Root, "README.md");

    // "Right only if the attack worked": the answer is 2x when the condition holds, else 0.
    private static string DoubleIf(string attack, string worked) =>
        $$"""
        int Double(int x)
        {
            try { {{attack}} } catch (Exception) { }
            return {{worked}} ? 2 * x : 0;
        }
        """;

    private Dictionary<string, Notebook> Attackers(string grades) => new()
    {
        ["own-check-class"] = _class.Answer((1, """
            int Double(int x) => 0;
            static class Check { public static Fake Exercise(int n) => new(); public static string Summary() => ""; }
            class Fake { public Fake Returns<T>(Func<T> f, T e, string h = null) => this; }
            """)),
        ["equals-always"] = _class.Answer((1, """
            Fake Double(int x) => new Fake();
            class Fake
            {
                public override bool Equals(object o) => true;
                public override int GetHashCode() => 0;
                public static implicit operator Fake(int v) => new Fake();
            }
            """)),
        ["reads-source"] = _class.Answer((1, """
            string source = "";
            int Double(int x)
            {
                try { var a = Environment.GetCommandLineArgs(); source = System.IO.File.ReadAllText(a[Array.IndexOf(a, "--as") + 1]); } catch (Exception) { }
                return source.Contains("return 2 * x") ? 2 * x : 0;
            }
            """)),
        ["reads-hidden-tests"] = _class.Answer((1, """
            string input = "";
            int Double(int x)
            {
                try { foreach (var f in System.IO.Directory.GetFiles("..", "*", System.IO.SearchOption.AllDirectories)) { input += System.IO.File.ReadAllText(f); } } catch (Exception) { }
                return input.Contains("Double(-3)") ? 2 * x : 0;
            }
            """)),
        ["duplicates-report"] = _class.Answer((1, DoubleIf(
            "var r = \"report.jsonl\"; System.IO.File.AppendAllText(r, System.IO.File.ReadAllText(r)); Environment.Exit(0);",
            "false"))),
        ["edits-grades-later"] = _class.Answer((1, DoubleIf(
            $"System.Diagnostics.Process.Start(\"setsid\", new[] {{ \"sh\", \"-c\", \"sleep {Marker}; echo edits-grades-later,02-sample,1,1,1,passed >> {grades}/grades.csv\" }});",
            "false"))),
        ["kills-the-grader"] = _class.Answer((1, DoubleIf(
            "foreach (var p in System.Diagnostics.Process.GetProcesses()) { var c = \"\"; try { c = System.IO.File.ReadAllText($\"/proc/{p.Id}/cmdline\"); } catch (Exception) { } if (p.Id != Environment.ProcessId && (c.Contains(\"autograde\") || c.Contains(\"grade-one\"))) { try { p.Kill(); } catch (Exception) { } } }",
            "false"))),
        ["holds-the-pipe"] = _class.Answer((1, DoubleIf(
            $"System.Diagnostics.Process.Start(\"sh\", new[] {{ \"-c\", \"sleep {Marker}1 &\" }});", "false"))),
        ["vandal"] = _class.Answer((1, DoubleIf(
            $"System.IO.File.AppendAllText(@\"{_class.SourcePath}\", \"// pwned\"); System.IO.File.WriteAllText(@\"{Readme}\", \"pwned\"); System.IO.File.Delete(@\"{Library}\");",
            $"System.IO.File.ReadAllText(@\"{Readme}\") == \"pwned\""))),
        ["allocates-5-gib"] = _class.Answer((1, DoubleIf("var big = new byte[5L << 30]; big[^1] = 1;", "false"))),
        ["floods-output"] = _class.Answer((1, DoubleIf("var s = new string('x', 1 << 20); for (var i = 0; i < 50; i++) { Console.Write(s); }", "false"))),
        ["html-in-feedback"] = _class.Answer((1, DoubleIf(
            "display(HTML(\"<style>table{display:none}</style><meta http-equiv=\\\"refresh\\\" content=\\\"0;url=https://example.invalid/\\\">\"));", "false"))),
        ["goto-loop"] = _class.Answer((1, "int Double(int x)\n{\n    top:\n    x++;\n    goto top;\n}")),
        ["exits-half-way"] = _class.Answer((1, "int Double(int x)\n{\n    Environment.Exit(0);\n    return 2 * x;\n}"), (2, SyntheticClass.Loopback("return \"127.0.0.1\";"))),
    };

    private void SubmitHonest()
    {
        _class.Submit("honest-perfect", _class.Perfect());
        _class.Submit("honest-half", _class.Answer((1, SyntheticClass.Double("return x + 2;")), (2, SyntheticClass.Loopback("return IPAddress.Loopback.ToString();"))));
        // As an nbformat 4.4 tool saves it: no cell ids at all.
        var noIds = System.Text.Json.Nodes.JsonNode.Parse(IpynbFormat.Write(_class.Perfect()))!;
        noIds["nbformat_minor"] = 4;
        foreach (var cell in noIds["cells"]!.AsArray())
        {
            cell!.AsObject().Remove("id");
        }
        _class.Submit("honest-no-cell-ids", noIds.ToJsonString());
    }

    private async Task<string[]> GradeAsync(string output)
    {
        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_class.Root, "autograde", _class.Submissions,
            "--source", _class.Sources, "--out", output, "--timeout", "3", "--notebook-timeout", "60", "--jobs", "2");
        Assert.True(code == 0, stdout + stderr);
        // The grader's peak stays under 500 MB, whatever the workers allocate or print.
        var peak = System.Text.RegularExpressions.Regex.Match(stdout, @"Grader peak memory: (\d+) MB");
        Assert.True(peak.Success, stdout);
        Assert.True(int.Parse(peak.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 500, peak.Value);
        return File.ReadAllLines(Path.Combine(output, "grades.csv"));
    }

    private static Dictionary<string, string> Hashes(params string[] folders) =>
        folders.SelectMany(f => File.Exists(f) ? [f] : Directory.GetFiles(f, "*", SearchOption.AllDirectories))
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [PeerFact(Peer.Bubblewrap)]
    public async Task Autograde_HostileClass_NoAttackGainsAPoint_HonestGradesUnchanged_NothingOfTheInstructorsTouched()
    {
        SubmitHonest();
        var clean = await GradeAsync(Path.Combine(_class.Root, "clean"));

        File.WriteAllText(Readme, "the instructor's readme");
        var grades = Path.Combine(_class.Root, "grades");
        foreach (var (student, notebook) in Attackers(grades))
        {
            _class.Submit(student, notebook);
        }
        _class.Submit("huge-answer", _class.Answer((1, "// " + new string('x', 20 << 20) + "\nint Double(int x) => 2 * x;")));
        var before = Hashes(_class.Sources, Readme, Path.GetDirectoryName(Library)!);

        var lines = await GradeAsync(grades);

        // Honest students: exactly as in the clean run.
        Assert.Equal(clean.Where(l => l.StartsWith("honest-", StringComparison.Ordinal)), lines.Where(l => l.StartsWith("honest-", StringComparison.Ordinal)));
        Assert.Contains("honest-no-cell-ids,02-sample,1,1,1,passed", clean);
        // Every attacker is in the grades, and none earned exercise 1.
        foreach (var attacker in Attackers(grades).Keys.Append("huge-answer"))
        {
            var row = Assert.Single(lines, l => l.StartsWith(attacker + ",02-sample,1,", StringComparison.Ordinal));
            Assert.True(row.Split(',')[3] == "0", $"{attacker} gained a point: {row}");
        }
        var json = File.ReadAllText(Path.Combine(grades, "grades.json"));
        Assert.Contains("too large", json, StringComparison.Ordinal);
        Assert.Contains("malformed report", json, StringComparison.Ordinal);
        Assert.Contains("stopped after", json, StringComparison.Ordinal); // Environment.Exit(0) half way is not "graded"
        Assert.Contains("exits-half-way,02-sample,2,0,2,not run", lines);
        Assert.Contains("goto-loop,02-sample,1,0,1,timed out", lines);
        // The instructor's files, byte for byte; and nothing of the run still running.
        Assert.Equal(before, Hashes(_class.Sources, Readme, Path.GetDirectoryName(Library)!));
        var survivors = Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "cmdline")).Where(File.Exists)
            .Select(f => { try { return File.ReadAllText(f); } catch (IOException) { return ""; } })
            .Where(c => c.Contains(Marker, StringComparison.Ordinal)).ToList();
        Assert.True(survivors.Count == 0, "still running: " + string.Join(" | ", survivors.Select(s => s.Replace('\0', ' '))));
        Assert.DoesNotContain("edits-grades-later,02-sample,1,1,1,passed", File.ReadAllLines(Path.Combine(grades, "grades.csv")));

        // Feedback: no hidden test's code or input; the submission's HTML only inside a sandboxed frame.
        var feedback = Path.Combine(_class.Root, "feedback");
        var (code, stdout, _) = await CourseFiles.LessonsAsync(_class.Root, "feedback", grades, "--out", feedback);
        Assert.True(code == 0, stdout);
        var half = File.ReadAllText(Path.Combine(feedback, "honest-half", "02-sample.html"));
        Assert.DoesNotContain("Double(-3)", half, StringComparison.Ordinal);
        Assert.Contains("a hidden check failed", half, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(feedback, "html-in-feedback", "02-sample.html"));
        Assert.DoesNotContain("<meta http-equiv=\"refresh\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style>table", html, StringComparison.Ordinal);
        Assert.Contains("<iframe sandbox=\"\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autograde_NoBubblewrap_RefusesUnlessNoSandbox()
    {
        _class.Submit("honest-perfect", _class.Perfect());
        var (code, stdout, stderr) = await Peers.RunAsync(Environment.ProcessPath!, [Path.Combine(AppContext.BaseDirectory, "lessons.dll"), "autograde", _class.Submissions,
            "--source", _class.Sources, "--out", Path.Combine(_class.Root, "g")], TimeSpan.FromMinutes(2), _class.Root,
            new() { ["PATH"] = "/nonexistent", ["NO_COLOR"] = "1", ["NETWORKING_LESSONS_OFFLINE"] = "1" });
        Assert.Equal(1, code);
        Assert.Contains("bubblewrap (bwrap) is not installed", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("--no-sandbox", stdout + stderr, StringComparison.Ordinal);
    }
}
