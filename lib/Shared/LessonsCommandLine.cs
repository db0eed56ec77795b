using System.Reflection;

namespace NetworkingLessons;

// How to start the course's lessons command: the one owner of that rule, compiled into the CLI
// (the autograder's workers, kernel.json) and into the library (a notebook's Jupyter session).
internal static class LessonsCommandLine
{
    // The file the CLI project builds.
    private const string FileName = "lessons.dll";

    // The program to run and the arguments before the command's own. Inside the lessons command
    // (compiled into it, or the library loaded by `lessons run` or the course's kernel): that very
    // command again, by its apphost when that is what runs, else `dotnet lessons.dll`. Anywhere else
    // (a Polyglot notebook, a test host): the newest build in the course around the library.
    public static (string Host, IReadOnlyList<string> Prefix) Find()
    {
        var processPath = Environment.ProcessPath;
        var underDotnet = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        var dotnet = underDotnet ? processPath! : "dotnet";
        var self = typeof(LessonsCommandLine).Assembly.Location;
        var entry = Assembly.GetEntryAssembly()?.Location;
        if (new[] { self, entry }.FirstOrDefault(p => Path.GetFileName(p) == FileName) is { } command)
        {
            return !underDotnet && processPath is not null && entry == command ? (processPath, []) : (dotnet, [command]);
        }
        // lib/NetworkingLessons/bin/notebooks for a notebook, a test project's bin folder for the tests.
        var library = Path.GetDirectoryName(self)!;
        for (var folder = new DirectoryInfo(library); folder is not null; folder = folder.Parent)
        {
            var built = new[] { "Debug", "Release" }
                .Select(c => Path.Combine(folder.FullName, "lib", "NetworkingLessons.Cli", "bin", c, "net10.0", FileName))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (built is not null)
            {
                return (dotnet, [built]);
            }
        }
        throw new FileNotFoundException($"The lessons command is not built in the course around {library}; run dotnet build first.");
    }
}
