using System.Diagnostics;

namespace NetworkingLessons.TestSupport;

/// <summary>Real programs the tests talk to: Python with Jupyter's nbformat, and others installed by .ci/run.</summary>
public static class Peers
{
    /// <summary>Runs a program to completion within a timeout and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> arguments,
        TimeSpan? timeout = null, string? workingDirectory = null, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A Python 3 with Jupyter's nbformat package (Debian's python3-nbformat, installed by .ci/run).</summary>
    public static string PythonWithNbformat() => PythonWith("nbformat", "python3-nbformat");

    /// <summary>A Python 3 with the msgpack package (Debian's python3-msgpack, installed by .ci/run).</summary>
    public static string PythonWithMsgpack() => PythonWith("msgpack", "python3-msgpack");

    /// <summary>
    /// A Python 3 with Jupyter's client side (Debian's python3-jupyter-client, python3-nbclient,
    /// jupyter-nbconvert, python3-jupyter-kernel-test, jupyter-console, python3-ipykernel; installed by .ci/run).
    /// </summary>
    public static string PythonWithJupyter() =>
        PythonWith("jupyter_client, nbclient, nbconvert, jupyter_kernel_test, jupyter_console, ipykernel",
            "python3-jupyter-client python3-nbclient jupyter-nbconvert python3-jupyter-kernel-test jupyter-console python3-ipykernel");

    private static string PythonWith(string module, string package)
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                var (code, _, _) = RunAsync(candidate, ["-c", "import " + module], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
                if (code == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed under that name
            }
        }
        throw new InvalidOperationException($"No python3 with {module}: install Debian's {package} (bash .ci/run does).");
    }

    /// <summary>Validates a notebook file with Jupyter's own validator; returns its complaint, or null when valid.</summary>
    public static async Task<string?> NbformatValidateAsync(string path)
    {
        var (code, stdout, stderr) = await RunAsync(PythonWithNbformat(),
            ["-c", "import sys, nbformat\nnb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)\nnbformat.validate(nb)\nprint('valid', nb.nbformat, nb.nbformat_minor)", path]);
        return code == 0 && stdout.StartsWith("valid 4 5", StringComparison.Ordinal) ? null : stdout + stderr;
    }

    /// <summary>Debian's chronyd, or null when it is not installed.</summary>
    public static string? Chronyd { get; } = new[] { "/usr/sbin/chronyd", "/usr/bin/chronyd" }.FirstOrDefault(File.Exists);

    /// <summary>Debian's ntpdig, or null when it is not installed.</summary>
    public static string? Ntpdig { get; } = new[] { "/usr/bin/ntpdig", "/usr/sbin/ntpdig" }.FirstOrDefault(File.Exists);

    /// <summary>Debian's hexdump (bsdextrautils).</summary>
    public const string Hexdump = "/usr/bin/hexdump";

    /// <summary>Debian's tcpdump, or null when it is not installed.</summary>
    public static string? Tcpdump { get; } = new[] { "/usr/bin/tcpdump", "/usr/sbin/tcpdump" }.FirstOrDefault(File.Exists);

    /// <summary>Debian's openssl, or null when it is not installed.</summary>
    public static string? OpenSsl { get; } = new[] { "/usr/bin/openssl" }.FirstOrDefault(File.Exists);
}
