using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Running;

/// <summary>The command line's manners: a bad value is one line naming the option and the value, and exit code 2.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "run", "--timeout", "abc" }, "lessons: --timeout: 'abc' is not a number of seconds.")]
    [InlineData(new[] { "run", "--timeout", "-5" }, "lessons: --timeout must be a positive number of seconds, not -5.")]
    [InlineData(new[] { "run", "--timeout", "0" }, "lessons: --timeout must be a positive number of seconds, not 0.")]
    [InlineData(new[] { "run", "--timeout", "NaN" }, "lessons: --timeout: 'NaN' is not a number of seconds.")]
    [InlineData(new[] { "autograde", "class", "--jobs", "abc" }, "lessons: --jobs: 'abc' is not a whole number.")]
    [InlineData(new[] { "autograde", "class", "--jobs", "0" }, "lessons: --jobs must be at least 1, not 0.")]
    [InlineData(new[] { "autograde", "class", "--notebook-timeout", "abc" }, "lessons: --notebook-timeout: 'abc' is not a number of seconds.")]
    [InlineData(new[] { "run", "--port", "99999" }, "lessons: --port: 'lessons run' has no such option (see lessons run --help).")]
    [InlineData(new[] { "check", "--strict" }, "lessons: --strict: 'lessons check' has no such option (see lessons check --help).")]
    public async Task BadCommandLine_OneLineNamingOptionAndValue_ExitTwo(string[] arguments, string expected)
    {
        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(CourseFiles.Root, arguments);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr.Split('\n'));
        Assert.DoesNotContain("Usage:", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("04", "04-byte-order.ipynb")]
    [InlineData("4", "04-byte-order.ipynb")]
    [InlineData("byte-order", "04-byte-order.ipynb")]
    [InlineData("ports", "03-ports-and-services.ipynb")]
    [InlineData("HOST-NAMES", "01-host-names.ipynb")]
    public async Task Lesson_ByNumberOrName_IsFound(string name, string file)
    {
        var (code, stdout, _) = await CourseFiles.LessonsAsync(CourseFiles.Root, "check", name);

        Assert.Equal(0, code);
        Assert.Contains($"✓ {file}", stdout, StringComparison.Ordinal);
        Assert.Contains("1 notebooks checked", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lesson_NamePartFittingSeveral_SaysWhichItFits()
    {
        var (code, stdout, _) = await CourseFiles.LessonsAsync(CourseFiles.Root, "check", "es");

        Assert.Equal(1, code);
        Assert.Contains("es: fits 01-host-names.ipynb, 02-ip-addresses.ipynb, 03-ports-and-services.ipynb; say which.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lesson_UnknownName_SaysNoSuchLesson()
    {
        var (code, stdout, _) = await CourseFiles.LessonsAsync(CourseFiles.Root, "check", "carrier-pigeons");

        Assert.Equal(1, code);
        Assert.Contains("carrier-pigeons: no such notebook or folder, and no lesson of that number or name.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Piped_PrintsPlainProgressAndNoAnsiCodes()
    {
        using var temp = new TempFolder("piped");
        // LessonsAsync pipes the output; take NO_COLOR away to show that a pipe alone turns colour off.
        var (code, stdout, stderr) = await Peers.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "lessons.dll"), "run", "04", "--offline", "--out", temp.Path],
            TimeSpan.FromMinutes(3), CourseFiles.Root, new() { ["NO_COLOR"] = "" });

        Assert.True(code == 0, stdout + stderr);
        Assert.DoesNotContain('\u001b', stdout + stderr);
        Assert.Matches("04-byte-order.ipynb: running [0-9]+ code cells…", stdout);
    }
}
