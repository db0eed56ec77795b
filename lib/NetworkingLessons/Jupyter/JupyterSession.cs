using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Jupyter;

/// <summary>
/// A running Jupyter kernel and its connection file: the course's own kernel (<c>lessons kernel</c>),
/// started for lesson 16 with five free loopback ports and a fresh key, so that the notebook can
/// talk to it byte by byte. Disposing it stops the kernel.
/// </summary>
public sealed class JupyterSession : IAsyncDisposable
{
    private readonly Process _kernel;
    private readonly StringBuilder _log = new();

    private JupyterSession(Process kernel, string connectionFile, JsonObject connection)
    {
        _kernel = kernel;
        ConnectionFile = connectionFile;
        Connection = connection;
    }

    /// <summary>The connection file's path.</summary>
    public string ConnectionFile { get; }

    /// <summary>The connection file's fields, as the kernel read them.</summary>
    public JsonObject Connection { get; }

    /// <summary>The address every socket listens on.</summary>
    public IPAddress Ip => IPAddress.Parse((string)Connection["ip"]!);

    /// <summary>The shared secret that signs every message, as bytes (HMAC-SHA256's key).</summary>
    public byte[] Key => Encoding.UTF8.GetBytes((string)Connection["key"]!);

    /// <summary>The port of channel <paramref name="name"/> (shell, iopub, stdin, control, hb).</summary>
    /// <exception cref="ArgumentException">No such channel.</exception>
    public int Port(string name) => Connection[name + "_port"] is JsonValue value ? value.GetValue<int>()
        : throw new ArgumentException($"'{name}' is not a channel of a Jupyter kernel: shell, iopub, stdin, control or hb.", nameof(name));

    /// <summary>The five channels, their ports and sockets.</summary>
    public IReadOnlyList<JupyterChannel> Channels =>
    [
        new("shell", Port("shell"), "ROUTER", "DEALER", "requests and replies: execute, complete, inspect, kernel_info"),
        new("iopub", Port("iopub"), "PUB", "SUB", "what every front end sees: status, the code run, its outputs"),
        new("stdin", Port("stdin"), "ROUTER", "DEALER", "the kernel asking for input (Console.ReadLine)"),
        new("control", Port("control"), "ROUTER", "DEALER", "interrupt and shutdown, answered while a cell runs"),
        new("hb", Port("hb"), "REP", "REQ", "the heartbeat: bytes echoed unchanged"),
    ];

    /// <summary>
    /// The connection file of the kernel running this notebook, when it runs in the course's
    /// kernel (a Jupyter front end); null under <c>lessons run</c>, which is no Jupyter kernel.
    /// </summary>
    public static string? ThisNotebooksConnectionFile =>
        Environment.GetEnvironmentVariable(CourseVariables.ConnectionFile) is { Length: > 0 } path && File.Exists(path) ? path : null;

    /// <summary>
    /// Starts the course's kernel with a new connection file (five free ports on 127.0.0.1, a
    /// random key) and waits until its shell socket accepts connections.
    /// </summary>
    /// <exception cref="FileNotFoundException">The lessons command is not built.</exception>
    /// <exception cref="TimeoutException">The kernel did not listen within <paramref name="timeout"/> (default 30 s); its log is in the message.</exception>
    public static async Task<JupyterSession> StartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var (host, prefix) = LessonsCommandLine.Find();
        var folder = Directory.CreateTempSubdirectory("nl-kernel-").FullName;
        var connection = new JsonObject
        {
            ["transport"] = "tcp",
            ["ip"] = "127.0.0.1",
            ["signature_scheme"] = "hmac-sha256",
            ["key"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["kernel_name"] = "networking-lessons-csharp",
        };
        foreach (var (name, port) in new[] { "shell", "iopub", "stdin", "control", "hb" }.Zip(FreePorts(5)))
        {
            connection[name + "_port"] = port;
        }
        var file = Path.Combine(folder, "kernel-connection.json");
        await File.WriteAllTextAsync(file, connection.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);

        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in prefix.Concat(["kernel", file]))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        process.StandardInput.Close();
        var session = new JupyterSession(process, file, connection);
        process.ErrorDataReceived += (_, e) => session.Logged(e.Data);
        process.OutputDataReceived += (_, e) => session.Logged(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await session.WaitUntilListeningAsync(timeout ?? TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        return session;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // The kernel binds all five sockets before it accepts on any; shell is the last one checked here.
        foreach (var channel in new[] { "hb", "shell" })
        {
            try
            {
                while (!await AcceptsAsync(Port(channel), deadline.Token))
                {
                    await Task.Delay(20, deadline.Token); // not listening yet: try again shortly
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The kernel did not listen on {channel} port {Port(channel)} within {timeout.TotalSeconds:0} s: {Log}");
            }
        }
    }

    /// <summary>Whether the kernel's port <paramref name="port"/> accepts a connection now.</summary>
    /// <exception cref="TimeoutException">The kernel has exited.</exception>
    private async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        if (_kernel.HasExited)
        {
            throw new TimeoutException($"The kernel exited (code {_kernel.ExitCode}) before it listened: {Log}");
        }
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(new IPEndPoint(Ip, port), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private readonly List<(string Text, TaskCompletionSource<string> Line)> _waiting = [];

    private void Logged(string? line)
    {
        if (line is null)
        {
            return;
        }
        List<TaskCompletionSource<string>> found;
        lock (_log)
        {
            _log.AppendLine(line);
            found = [.. _waiting.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).Select(w => w.Line)];
            _waiting.RemoveAll(w => found.Contains(w.Line));
        }
        found.ForEach(f => f.TrySetResult(line));
    }

    /// <summary>The first line of the kernel's log holding <paramref name="text"/>, waiting for it up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">No such line came in time.</exception>
    public async Task<string> LogLineAsync(string text, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var line = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            if (_log.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } already)
            {
                return already.TrimEnd('\r');
            }
            _waiting.Add((text, line));
        }
        try
        {
            return await line.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The kernel logged no line with \"{text}\" within {timeout.TotalSeconds:0} s. Its log: {Log}");
        }
    }

    /// <summary>What the kernel wrote to its standard error: peers it dropped, and why.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private static List<int> FreePorts(int count)
    {
        // Bound all at once, then released: five different ports, as jupyter_client picks them.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>Text for the notebook: where the connection file is, and what it holds.</summary>
    public override string ToString() =>
        $"The course's kernel, process {_kernel.Id}, started with {ConnectionFile}:\n{Connection.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}";

    /// <summary>Stops the kernel (and whatever it started) and removes its connection file.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_kernel.HasExited)
            {
                _kernel.Kill(entireProcessTree: true);
            }
            await _kernel.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or could not be waited for: nothing more to stop.
        }
        _kernel.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(ConnectionFile)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
