using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NetworkingLessons.Jupyter;

namespace NetworkingLessons.Tests.Jupyter;

/// <summary>
/// The course's kernel started as lesson 16 starts it: the built <c>lessons kernel</c> (CI builds
/// the whole solution before the tests), a connection file of five free loopback ports and a key.
/// </summary>
public sealed class JupyterSessionTests
{
    [Fact]
    public async Task Start_WritesAConnectionFileOfFiveLoopbackPortsAndAKey_AndTheKernelListensOnThem()
    {
        await using var session = await JupyterSession.StartAsync();

        var file = JsonNode.Parse(await File.ReadAllTextAsync(session.ConnectionFile))!.AsObject();
        Assert.Equal(session.Connection.ToJsonString(), file.ToJsonString());
        Assert.Equal("kernel-connection.json", Path.GetFileName(session.ConnectionFile));
        Assert.StartsWith("nl-kernel-", Path.GetFileName(Path.GetDirectoryName(session.ConnectionFile)), StringComparison.Ordinal);
        Assert.Contains("\n  \"transport\": \"tcp\"", await File.ReadAllTextAsync(session.ConnectionFile), StringComparison.Ordinal); // indented, for a reader
        Assert.Equal(("tcp", "127.0.0.1", "hmac-sha256", "networking-lessons-csharp"),
            ((string?)file["transport"], (string?)file["ip"], (string?)file["signature_scheme"], (string?)file["kernel_name"]));
        Assert.Matches("^[0-9a-f]{32}$", (string)file["key"]!);
        Assert.Equal(Encoding.UTF8.GetBytes((string)file["key"]!), session.Key);
        Assert.Equal(IPAddress.Loopback, session.Ip);

        var channels = session.Channels;
        Assert.Equal(["shell", "iopub", "stdin", "control", "hb"], channels.Select(c => c.Name));
        Assert.Equal(channels.Select(c => (int)file[c.Name + "_port"]!), channels.Select(c => c.Port));
        Assert.Equal(5, channels.Select(c => c.Port).Distinct().Count());
        Assert.Equal([("ROUTER", "DEALER"), ("PUB", "SUB"), ("ROUTER", "DEALER"), ("ROUTER", "DEALER"), ("REP", "REQ")],
            channels.Select(c => (c.KernelSocket, c.FrontEndSocket)));
        Assert.All(channels, c => Assert.NotEmpty(c.Carries));
        foreach (var channel in channels)
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(new IPEndPoint(session.Ip, channel.Port)).WaitAsync(TimeSpan.FromSeconds(10)); // every channel listens
        }
        Assert.StartsWith($"The course's kernel, process ", session.ToString(), StringComparison.Ordinal);
        Assert.Contains($"started with {session.ConnectionFile}:\n{{\n  \"transport\": \"tcp\",\n  \"ip\": \"127.0.0.1\"", session.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_OfAChannelAKernelDoesNotHave_SaysWhichItHas()
    {
        await using var session = await JupyterSession.StartAsync();

        Assert.Equal((int)session.Connection["hb_port"]!, session.Port("hb"));
        var ex = Assert.Throws<ArgumentException>(() => session.Port("key"));
        Assert.StartsWith("'key' is not a channel of a Jupyter kernel: shell, iopub, stdin, control or hb.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public async Task LogLine_WaitsForTheKernelToLogIt_AndFindsItAgainLater()
    {
        await using var session = await JupyterSession.StartAsync();
        var waiting = session.LogLineAsync(": dropped ", TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted);

        using (var peer = new TcpClient())
        {
            await peer.ConnectAsync(new IPEndPoint(session.Ip, session.Port("hb")));
            await peer.GetStream().WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray()); // not a ZMTP greeting
            var line = await waiting;
            Assert.Matches(@"^REP 127\.0\.0\.1:\d+: dropped 127\.0\.0\.1:\d+: ", line);
            Assert.Contains(line, session.Log, StringComparison.Ordinal);
            Assert.Equal(line, await session.LogLineAsync(": dropped ", TimeSpan.FromSeconds(1))); // already in the log
        }

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => session.LogLineAsync("no kernel logs this", TimeSpan.FromMilliseconds(100)));
        Assert.StartsWith("The kernel logged no line with \"no kernel logs this\" within 0 s. Its log: REP ", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => session.LogLineAsync("", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Dispose_StopsTheKernelAndRemovesItsConnectionFolder_AndCanBeRepeated()
    {
        var session = await JupyterSession.StartAsync();
        var pid = int.Parse(session.ToString().Split(' ')[4].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture);
        var kernel = Process.GetProcessById(pid);
        var folder = Path.GetDirectoryName(session.ConnectionFile)!;

        await session.DisposeAsync();

        Assert.True(kernel.HasExited);
        Assert.False(Directory.Exists(folder));
        await session.DisposeAsync(); // twice is harmless
        using var listener = new TcpListener(session.Ip, session.Port("shell"));
        listener.Start(); // its port is free again
    }

    [Fact]
    public async Task Start_TooShortATimeout_SaysTheKernelDidNotListen_AndLeavesNothingRunning()
    {
        var before = Directory.GetDirectories(Path.GetTempPath(), "nl-kernel-*").ToHashSet();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => JupyterSession.StartAsync(TimeSpan.FromMilliseconds(1)));

        Assert.Matches(@"^The kernel did not listen on hb port \d+ within 0 s: ", ex.Message);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "nl-kernel-*"), d => !before.Contains(d));
    }

    [Fact]
    public async Task Start_Cancelled_ThrowsCancellation_NotTimeout()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => JupyterSession.StartAsync(TimeSpan.FromSeconds(30), cancelled.Token));
    }

    [Fact]
    public void ThisNotebooksConnectionFile_IsTheKernelsFile_OnlyWhenItExists()
    {
        var before = Environment.GetEnvironmentVariable(CourseVariables.ConnectionFile);
        var file = Path.GetTempFileName();
        try
        {
            Environment.SetEnvironmentVariable(CourseVariables.ConnectionFile, null);
            Assert.Null(JupyterSession.ThisNotebooksConnectionFile);
            Environment.SetEnvironmentVariable(CourseVariables.ConnectionFile, file);
            Assert.Equal(file, JupyterSession.ThisNotebooksConnectionFile);
            Environment.SetEnvironmentVariable(CourseVariables.ConnectionFile, file + ".gone");
            Assert.Null(JupyterSession.ThisNotebooksConnectionFile);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CourseVariables.ConnectionFile, before);
            File.Delete(file);
        }
    }
}
