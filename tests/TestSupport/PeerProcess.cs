using System.Diagnostics;

namespace NetworkingLessons.TestSupport;

/// <summary>
/// A peer program kept running while a test talks to it, such as a Python server: read its lines
/// as they come, then wait for it to end. Disposing kills it if it is still running.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private PeerProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>.</summary>
    public static PeerProcess Start(string file, params string[] arguments)
    {
        InterruptSignal.RestoreForChildren(); // some tests stop their peer as Ctrl+C would
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return new PeerProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}"));
    }

    /// <summary>The program's process id, for signals.</summary>
    public int Id => _process.Id;

    /// <summary>The next line the program prints, within <paramref name="seconds"/>.</summary>
    public async Task<string> ReadLineAsync(int seconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await _process.StandardOutput.ReadLineAsync(cts.Token)
                ?? throw new InvalidOperationException($"the peer ended without printing a line: {await _stderr}");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the peer printed nothing in {seconds} s");
        }
    }

    /// <summary>Writes <paramref name="input"/> to the peer's standard input and closes it, so the peer reads to its end.</summary>
    public async Task WriteAndCloseInputAsync(string input)
    {
        await _process.StandardInput.WriteAsync(input);
        _process.StandardInput.Close();
    }

    /// <summary>Waits for the program to end, within <paramref name="seconds"/>; returns its exit code, the rest of its output, and its errors.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(int seconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var stdout = _process.StandardOutput.ReadToEndAsync(cts.Token);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the peer did not end in {seconds} s");
        }
        return (_process.ExitCode, await stdout, await _stderr);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
