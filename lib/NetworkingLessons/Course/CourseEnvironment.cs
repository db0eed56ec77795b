using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NetworkingLessons.Course;

/// <summary>
/// Facts about the machine a lesson runs on, for the setup cell that opens every lesson: versions
/// of the SDK, runtime and this library, and whether the course runs offline.
/// </summary>
public static class CourseEnvironment
{
    /// <summary>The environment variable that, set to 1, makes lessons use local stand-ins instead of servers on the internet.</summary>
    public const string OfflineVariable = CourseVariables.Offline;

    /// <summary>The oldest runtime the lessons are written for.</summary>
    public static readonly Version MinimumRuntime = new(10, 0);

    /// <summary>True when lessons must not reach beyond this machine (set by <c>lessons run --offline</c>, CI and the tests).</summary>
    public static bool IsOffline => Environment.GetEnvironmentVariable(OfflineVariable) is "1" or "true";

    /// <summary>Offline or online, in words.</summary>
    public static string Mode => IsOffline ? "offline: local stand-ins only" : "online: live servers, local stand-ins as fallback";

    /// <summary>This library's version.</summary>
    public static string LibraryVersion =>
        typeof(CourseEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The .NET runtime running the notebook, e.g. ".NET 10.0.1".</summary>
    public static string Runtime => RuntimeInformation.FrameworkDescription;

    /// <summary>The .NET SDK on the PATH (what <c>dotnet --version</c> prints), or "not found".</summary>
    public static string Sdk => SdkVersion.Value;

    private static readonly Lazy<string> SdkVersion = new(() => VersionOf("dotnet"));

    /// <summary>What <c><paramref name="program"/> --version</c> prints, or "not found" when it cannot be run or fails.</summary>
    internal static string VersionOf(string program)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "not found";
            }
            var output = process.StandardOutput.ReadToEndAsync();
            return process.WaitForExit(TimeSpan.FromSeconds(20)) && process.ExitCode == 0
                ? output.GetAwaiter().GetResult().Trim()
                : "not found";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }

    /// <summary>
    /// Checks that the runtime is new enough for the lessons.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The runtime is older than <see cref="MinimumRuntime"/>; the message says what to install.</exception>
    public static void RequireSupportedRuntime() => RequireSupportedRuntime(Environment.Version);

    /// <summary>Checks that runtime version <paramref name="running"/> is new enough for the lessons.</summary>
    internal static void RequireSupportedRuntime(Version running)
    {
        if (running < MinimumRuntime)
        {
            throw new PlatformNotSupportedException(
                $"These lessons need .NET {MinimumRuntime.Major} or later; this notebook runs on {Runtime}. Install the .NET {MinimumRuntime.Major} SDK and pick it as the kernel.");
        }
    }

    /// <summary>A summary of the environment, shown as a table by the notebook.</summary>
    public static Facts Describe() => new(
        [
            ("SDK", Sdk),
            ("Runtime", Runtime),
            ("NetworkingLessons library", LibraryVersion),
            ("Operating system", RuntimeInformation.OSDescription),
            ("Host name", Dns.GetHostName()),
            ("Mode", Mode),
        ]);

    /// <summary>Named facts that display as a two-column table in a notebook and as aligned text elsewhere.</summary>
    public sealed class Facts
    {
        internal Facts(IReadOnlyList<(string Name, string Value)> items) => Items = items;

        /// <summary>The facts in order.</summary>
        public IReadOnlyList<(string Name, string Value)> Items { get; }

        /// <summary>The value of the fact called <paramref name="name"/>.</summary>
        /// <exception cref="KeyNotFoundException">No fact has that name.</exception>
        public string this[string name] =>
            Items.FirstOrDefault(i => i.Name == name).Value ?? throw new KeyNotFoundException($"No fact named '{name}'.");

        /// <summary>Plain text and an HTML table, for notebook front ends.</summary>
        public IReadOnlyDictionary<string, string> ToMimeBundle() => new Dictionary<string, string>
        {
            ["text/plain"] = ToString(),
            ["text/html"] = Display.Table.Of(Items.Select(i => new { Fact = i.Name, i.Value })).ToMimeBundle()["text/html"],
        };

        /// <inheritdoc />
        public override string ToString()
        {
            var width = Items.Max(i => i.Name.Length);
            return string.Join('\n', Items.Select(i => $"{i.Name.PadRight(width)}  {i.Value}"));
        }
    }
}
