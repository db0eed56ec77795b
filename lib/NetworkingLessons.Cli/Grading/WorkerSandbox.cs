using System.Diagnostics;
using System.Globalization;

namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// Confines one grading worker with bubblewrap (Debian's <c>bubblewrap</c>, Flatpak's sandbox):
/// its own PID, network (loopback only, so the socket exercises still work), IPC, UTS and mount
/// namespaces; read-only views of the system, the .NET runtime, the lessons command and the built
/// course library; one private writable folder for the submission's files; none of the instructor's
/// folders; a clean environment; killed with the grader (<c>--die-with-parent</c>); and limits on
/// processes, open files, file size, CPU time and the managed heap.
/// </summary>
internal sealed class WorkerSandbox
{
    /// <summary>The managed heap's hard limit: 1 GiB (an allocation past it fails in the student's cell).</summary>
    public const long HeapBytes = 1L << 30;

    /// <summary>The largest file the worker may write: 64 MiB.</summary>
    public const long FileBytes = 64L << 20;

    /// <summary>Open files at once: 8192, since lesson 12 measures a thousand connections with both ends in one process.</summary>
    public const int OpenFiles = 8192;

    /// <summary>Processes and threads the worker may add to what the machine already runs: 2048, since lesson 12 starts a thread for each of a thousand clients.</summary>
    public const int ExtraProcesses = 2048;

    private readonly string _bubblewrap;

    private WorkerSandbox(string bubblewrap) => _bubblewrap = bubblewrap;

    /// <summary>The sandbox, or null where bubblewrap is not installed (macOS, Windows, a Linux without it).</summary>
    public static WorkerSandbox? Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "bwrap"))
            .FirstOrDefault(File.Exists);
        return path is null ? null : new WorkerSandbox(path);
    }

    /// <summary>
    /// Starts <paramref name="host"/> with <paramref name="arguments"/> inside the sandbox.
    /// <paramref name="readOnly"/> are the folders it may read (besides the system's);
    /// <paramref name="work"/> is the only one it may write.
    /// </summary>
    public ProcessStartInfo Wrap(string host, IEnumerable<string> arguments, string work, IEnumerable<string> readOnly,
        IReadOnlyDictionary<string, string> environment, TimeSpan cpuTime)
    {
        var start = new ProcessStartInfo(_bubblewrap) { UseShellExecute = false };
        var args = start.ArgumentList;
        void Add(params string[] items)
        {
            foreach (var item in items)
            {
                args.Add(item);
            }
        }
        Add("--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session", "--clearenv");
        Add("--ro-bind", "/usr", "/usr");
        foreach (var top in new[] { "/bin", "/lib", "/lib64", "/sbin" })
        {
            var info = new FileInfo(top);
            if (info.LinkTarget is { } target)
            {
                Add("--symlink", target, top); // merged /usr: /bin -> usr/bin
            }
            else if (Directory.Exists(top))
            {
                Add("--ro-bind", top, top);
            }
        }
        // Only what name lookups, TLS and the lessons' service tables read from /etc.
        foreach (var file in new[] { "/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/services", "/etc/protocols", "/etc/ssl", "/etc/ca-certificates", "/etc/localtime", "/etc/passwd", "/etc/group" })
        {
            if (File.Exists(file) || Directory.Exists(file))
            {
                Add("--ro-bind", file, file);
            }
        }
        Add("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
        foreach (var folder in readOnly.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Where(Directory.Exists))
        {
            Add("--ro-bind", folder, folder);
        }
        Add("--bind", work, work, "--chdir", work);
        Add("--setenv", "HOME", work, "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8",
            "--setenv", "DOTNET_CLI_TELEMETRY_OPTOUT", "1", "--setenv", "DOTNET_GCHeapHardLimit", "0x" + HeapBytes.ToString("X", CultureInfo.InvariantCulture),
            // Write-xor-execute maps the JIT's code through a memory file, which the file size limit
            // below would cap: a student's lessons share a worker, and their code outgrows 64 MiB.
            "--setenv", "DOTNET_EnableWriteXorExecute", "0");
        foreach (var (name, value) in environment)
        {
            Add("--setenv", name, value);
        }
        // bash's ulimit: -u processes (threads count; per user, so on top of what runs already),
        // -n open files, -f file size in 1024-byte blocks, -t CPU seconds. Then the worker itself.
        var processes = RunningTasks() + ExtraProcesses;
        Add("--", "/usr/bin/bash", "-c",
            $"ulimit -u {processes} -n {OpenFiles} -f {FileBytes / 1024} -t {Math.Ceiling(cpuTime.TotalSeconds).ToString(CultureInfo.InvariantCulture)} && exec \"$@\"",
            "worker", host);
        foreach (var argument in arguments)
        {
            args.Add(argument);
        }
        return start;
    }

    // Every process and thread on the machine, from /proc/loadavg's "running/total" field: an upper
    // bound on what this user runs now, so that the limit leaves the worker its margin and no more.
    private static int RunningTasks()
    {
        try
        {
            var field = File.ReadAllText("/proc/loadavg").Split(' ')[3];
            return int.Parse(field[(field.IndexOf('/', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return 4096;
        }
    }
}
