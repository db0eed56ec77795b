using System.Globalization;
using System.Runtime.InteropServices;

namespace NetworkingLessons.TestSupport;

/// <summary>
/// Lets the programs a test starts be stopped with Ctrl+C's signal. A test run started in the
/// background of a script (<c>dotnet test … &amp;</c>) inherits SIGINT ignored, as POSIX shells
/// set it for background jobs, and every program it starts inherits that too; .NET then leaves the
/// signal ignored, so a test of Ctrl+C would wait for an exit that never comes.
/// </summary>
public static class InterruptSignal
{
    private const int SigInt = 2;

    // Once per process: nothing sets SIGINT ignored again after it is restored.
    private static readonly Lazy<bool> Restored = new(Restore);

    /// <summary>If this process ignores SIGINT, makes it the default again, so children started from now on get it.</summary>
    public static void RestoreForChildren() => _ = Restored.Value;

    private static bool Restore()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (ignored is not null && (ulong.Parse(ignored["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SigInt - 1))) != 0)
        {
            _ = Signal(SigInt, 0); // SIG_DFL; only when ignored, so a handler .NET installed is never replaced
            return true;
        }
        return false;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code turned on for the whole project, for one call
    [DllImport("libc", EntryPoint = "signal")]
    private static extern nint Signal(int signal, nint handler);
#pragma warning restore SYSLIB1054
}
