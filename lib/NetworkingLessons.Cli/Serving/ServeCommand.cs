using System.Reflection;
using System.Runtime.Loader;

namespace NetworkingLessons.Cli.Serving;

/// <summary>
/// <c>lessons serve</c>: runs the course's SNTP and echo servers in a terminal until Ctrl+C. The
/// servers live in the helper library; the command loads the copy the notebooks load (the CLI
/// does not reference the library, so that a notebook run only ever has that one copy) and hands
/// over to <c>NetworkingLessons.Serving.CourseServers.ServeAsync</c>.
/// </summary>
internal static class ServeCommand
{
    /// <summary>What <c>lessons serve</c> was asked to serve.</summary>
    public sealed record Settings(string Kind, string Host, int? Port);

    private delegate Task<int> Serve(string kind, string host, int? port, TextWriter log, CancellationToken cancellationToken);

    public static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        // Echo continuations are tiny and never block: run them on the socket engine's own threads
        // rather than queueing each to the thread pool (about 1.3 times the round trips: bench/README.md).
        // Read once, when the socket engine starts, so it is set before the first socket.
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        var course = CourseLayout.Find(Environment.CurrentDirectory) ?? CourseLayout.Find(AppContext.BaseDirectory);
        if (course is null)
        {
            await Console.Error.WriteLineAsync("lessons serve: run it inside the course folder (the one holding NetworkingLessons.sln).");
            return 1;
        }
        if (!File.Exists(course.NotebookLibrary))
        {
            await Console.Error.WriteLineAsync($"lessons serve: the library is not built yet ({course.NotebookLibrary}); run dotnet build first.");
            return 1;
        }
        var type = AssemblyLoadContext.Default.LoadFromAssemblyPath(course.NotebookLibrary).GetType("NetworkingLessons.Serving.CourseServers");
        var method = type?.GetMethod("ServeAsync", BindingFlags.Public | BindingFlags.Static);
        if (method?.CreateDelegate<Serve>() is not { } serve)
        {
            await Console.Error.WriteLineAsync($"lessons serve: {course.NotebookLibrary} has no CourseServers.ServeAsync; rebuild it (dotnet build).");
            return 1;
        }
        try
        {
            return await serve(settings.Kind, settings.Host, settings.Port, Console.Out, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"lessons serve: {ex.Message.Split(" (Parameter")[0]}");
            return LessonsCommand.UsageError;
        }
    }
}
