using System.Reflection;

namespace NetworkingLessons.Cli;

/// <summary>How to start this very lessons command again: the autograder's workers and kernel.json both do.</summary>
internal static class ThisCommand
{
    /// <summary>
    /// The program to run and the arguments that come before the command's own: <c>dotnet</c> and
    /// lessons.dll when this process is <c>dotnet lessons.dll</c>; the apphost alone otherwise.
    /// </summary>
    public static (string Host, IReadOnlyList<string> Prefix) CommandLine()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? (host, [Assembly.GetEntryAssembly()!.Location])
            : (host, []);
    }
}
