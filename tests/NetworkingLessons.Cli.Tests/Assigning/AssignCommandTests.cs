using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Assigning;

public sealed class AssignCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("assign-command");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AssignCheck_CommittedLessons_AreUpToDate()
    {
        var (code, stdout, _) = await CourseFiles.LessonsAsync(CourseFiles.Root, "assign", "--check");

        Assert.True(code == 0, stdout);
        Assert.Contains("0 out of date", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignCheck_HandEditedCopy_FailsNamingFileAndLine()
    {
        var output = Path.Combine(_temp.Path, "students");
        var (written, writeOut, _) = await CourseFiles.LessonsAsync(_temp.Path, "assign", CourseFiles.Solutions, "--out", output);
        Assert.True(written == 0, writeOut);
        Assert.Equal(0, (await CourseFiles.LessonsAsync(_temp.Path, "assign", CourseFiles.Solutions, "--out", output, "--check")).ExitCode);
        var copy = Path.Combine(output, "00-welcome.ipynb");
        var lines = File.ReadAllLines(copy);
        var target = Array.FindIndex(lines, l => l.Contains("Dns.GetHostName()", StringComparison.Ordinal));
        lines[target] = lines[target].Replace("Dns.GetHostName()", "\\\"edited\\\"", StringComparison.Ordinal);
        File.WriteAllLines(copy, lines);

        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "assign", CourseFiles.Solutions, "--out", output, "--check");

        Assert.Equal(1, code);
        Assert.Contains($"00-welcome.ipynb: differs from what assign writes, from line {target + 1}", stdout, StringComparison.Ordinal);
        Assert.Contains("1 out of date", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_UnbalancedMarkers_ExitsOneNamingFileCellAndLine()
    {
        var sources = Path.Combine(_temp.Path, "solutions");
        Directory.CreateDirectory(sources);
        File.WriteAllText(Path.Combine(sources, "01-bad.dib"), "#!markdown\n\n### Exercise 1: X\n\n#!csharp\n\nint F()\n{\n    // BEGIN SOLUTION\n    return 1;\n}\n\n#!csharp\n\nF()\n");

        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "assign", sources, "--out", Path.Combine(_temp.Path, "out"));

        Assert.Equal(1, code);
        Assert.Contains("01-bad.dib, cell 2, line 3: the SOLUTION block opened here is never closed", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "out")));
    }
}
