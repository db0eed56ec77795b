using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Cli.Kernel;

/// <summary>
/// <c>lessons kernel install</c>: writes the kernelspec (kernel.json) that makes Jupyter front ends
/// list the course's kernel, under the name <see cref="Name"/>: per user (Jupyter's data folder),
/// in the Python environment's prefix, or under a prefix given.
/// </summary>
internal static class KernelSpecInstaller
{
    /// <summary>The kernelspec's name: ours, not .NET Interactive's <c>.net-csharp</c>, so that both can be installed.</summary>
    public const string Name = "networking-lessons-csharp";

    /// <summary>What front ends show.</summary>
    public const string DisplayName = "C# (NetworkingLessons)";

    /// <summary>Where to install: <c>user</c>, <c>sys-prefix</c>, or a prefix folder.</summary>
    public sealed record Settings(bool SysPrefix, string? Prefix);

    public static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        string kernels;
        if (settings.Prefix is { } prefix)
        {
            kernels = Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");
        }
        else if (settings.SysPrefix)
        {
            if (await PythonPrefixAsync(cancellationToken) is not { } sysPrefix)
            {
                await Console.Error.WriteLineAsync("lessons kernel install --sys-prefix: no python3 on PATH to say where its prefix is; use --user or --prefix DIR.");
                return 1;
            }
            kernels = Path.Combine(sysPrefix, "share", "jupyter", "kernels");
        }
        else
        {
            kernels = Path.Combine(UserDataFolder(), "kernels");
        }
        var folder = Path.Combine(kernels, Name);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "kernel.json");
        await File.WriteAllTextAsync(path, KernelJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
        Console.WriteLine($"Installed the kernelspec {Name} (\"{DisplayName}\") in {folder}");
        Console.WriteLine($"  jupyter console --kernel {Name}    or pick \"{DisplayName}\" in JupyterLab or VS Code's kernel picker");
        return 0;
    }

    /// <summary>kernel.json: this very command, with interrupts as messages (SIGINT would end a .NET process).</summary>
    public static JsonObject KernelJson()
    {
        var (host, prefix) = LessonsCommandLine.Find();
        var argv = new JsonArray(host);
        foreach (var argument in prefix)
        {
            argv.Add(argument);
        }
        argv.Add("kernel");
        argv.Add("{connection_file}");
        return new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = "csharp",
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
    }

    // Jupyter's per-user data folder: $JUPYTER_DATA_DIR, else ~/.local/share/jupyter (XDG_DATA_HOME honoured), as jupyter_core finds it on Linux.
    private static string UserDataFolder()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } data)
        {
            return data;
        }
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Jupyter");
        }
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } x
            ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(xdg, "jupyter");
    }

    private static async Task<string?> PythonPrefixAsync(CancellationToken cancellationToken)
    {
        try
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sys; print(sys.prefix)");
            using var process = Process.Start(start)!;
            var prefix = (await process.StandardOutput.ReadToEndAsync(cancellationToken)).Trim();
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 && prefix.Length > 0 ? prefix : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
