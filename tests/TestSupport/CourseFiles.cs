namespace NetworkingLessons.TestSupport;

/// <summary>Paths in this repository and the <c>lessons</c> command built next to the tests.</summary>
public static class CourseFiles
{
    /// <summary>The folder holding NetworkingLessons.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The student lessons.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The instructor sources.</summary>
    public static string Solutions => Path.Combine(Notebooks, "solutions");

    /// <summary>The project's shared folder beside the course (../shared): the seed tutorials and the measuring tools.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>
    /// A program as one of the seed tutorials prints it after <c>cat NAME</c> in a terminal session,
    /// unchanged, or null when the seeds are not beside the course.
    /// </summary>
    public static string? SeedProgram(string seed, string name)
    {
        var path = Path.Combine(Shared, "seeds", seed);
        if (!File.Exists(path))
        {
            return null;
        }
        var text = File.ReadAllText(path);
        var start = text.IndexOf($"$ cat {name}\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        start = text.IndexOf('\n', start) + 1;
        var end = text.IndexOf("dang@", start, StringComparison.Ordinal);
        return end < 0 ? null : text[start..end];
    }

    /// <summary>The public MessagePack test suite as JSON (built by .ci/install-peers).</summary>
    public static string MsgpackTestSuite => Path.Combine(Root, "tests", "data", "node_modules", "msgpack-test-suite", "dist", "msgpack-test-suite.json");

    /// <summary>A file of an npm package of web/package.json, once installed (bash .ci/install-peers).</summary>
    public static string WebModule(string package, string file) => Path.Combine(Root, "web", "node_modules", package, file);

    /// <summary>Runs the <c>lessons</c> command in a child process, offline.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> LessonsAsync(string workingDirectory, params string[] arguments) =>
        LessonsAsync(TimeSpan.FromMinutes(5), workingDirectory, arguments);

    /// <summary>Runs the lessons command as <see cref="LessonsAsync(string, string[])"/> does, for as long as <paramref name="timeout"/> allows.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> LessonsAsync(TimeSpan timeout, string workingDirectory, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lessons.dll");
        return Peers.RunAsync("dotnet", [dll, .. arguments], timeout, workingDirectory, new() { [CourseVariables.Offline] = "1", ["NO_COLOR"] = "1" });
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetworkingLessons.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No NetworkingLessons.sln above {AppContext.BaseDirectory}.");
    }
}
