using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Execution;

/// <summary>
/// A cell blocked in any of the calls students block in is stopped by its timeout, says what it
/// was blocked in, keeps what the notebook declared, and leaves the server an earlier cell started
/// serving. Each case: cell 1 starts a line echo server on loopback, cell 2 declares a value, cell
/// 3 blocks, cell 4 reads the value, and the server still answers.
/// </summary>
public sealed class BlockedCellTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // An echo server in a notebook cell, as a student writes one: an accept loop on a task.
    private const string EchoServer = """
        using System.Net;
        using System.Net.Sockets;
        using System.IO;
        var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var serving = Task.Run(async () =>
        {
            while (true)
            {
                var client = await server.AcceptTcpClientAsync();
                _ = Task.Run(async () =>
                {
                    using var reader = new StreamReader(client.GetStream());
                    using var writer = new StreamWriter(client.GetStream()) { AutoFlush = true };
                    string? line;
                    while ((line = await reader.ReadLineAsync()) is not null) await writer.WriteLineAsync(line);
                });
            }
        });
        ((IPEndPoint)server.LocalEndpoint).Port
        """;

    private readonly TempFolder _temp = new("blocked-cells");
    private NotebookKernel _kernel = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _kernel = new NotebookKernel(new KernelOptions
        {
            BaseDirectory = _temp.Path,
            CellTimeout = Timeout,
            ReadInput = (_, token) => { token.WaitHandle.WaitOne(); token.ThrowIfCancellationRequested(); return null; },
        });
        var started = await _kernel.SubmitAsync(EchoServer, 1);
        Assert.True(started.Succeeded, started.ErrorMessage);
        _port = int.Parse(Assert.IsType<ExecuteResultOutput>(started.Outputs[^1]).Data.Text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((await _kernel.SubmitAsync("var declared = 42;", 2)).Succeeded);
    }

    public async Task DisposeAsync()
    {
        await _kernel.DisposeAsync();
        _temp.Dispose();
    }

    public static TheoryData<string, string> BlockingCalls() => new()
    {
        { "Socket.Accept", "var l = new Socket(SocketType.Stream, ProtocolType.Tcp);\nl.Bind(new IPEndPoint(IPAddress.Loopback, 0)); l.Listen();\nl.Accept();" },
        { "Socket.AcceptAsync", "var l = new Socket(SocketType.Stream, ProtocolType.Tcp);\nl.Bind(new IPEndPoint(IPAddress.Loopback, 0)); l.Listen();\nawait l.AcceptAsync();" },
        { "await", "var never = new TaskCompletionSource<int>();\nawait never.Task;" },
        { "Socket.Receive", "var c = new Socket(SocketType.Stream, ProtocolType.Tcp);\nc.Connect(IPAddress.Loopback, port);\nc.Receive(new byte[16]);" },
        { "Socket.ReceiveAsync", "var c = new Socket(SocketType.Stream, ProtocolType.Tcp);\nawait c.ConnectAsync(IPAddress.Loopback, port);\nawait c.ReceiveAsync(new byte[16], SocketFlags.None);" },
        { "Socket.ReceiveFrom", "var u = new Socket(SocketType.Dgram, ProtocolType.Udp);\nu.Bind(new IPEndPoint(IPAddress.Loopback, 0));\nEndPoint from = new IPEndPoint(IPAddress.Any, 0);\nu.ReceiveFrom(new byte[16], ref from);" },
        { "Socket.ReceiveFromAsync", "var u = new Socket(SocketType.Dgram, ProtocolType.Udp);\nu.Bind(new IPEndPoint(IPAddress.Loopback, 0));\nawait u.ReceiveFromAsync(new byte[16], SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));" },
        { "Socket.Connect", FullBacklog + "for (var i = 0; i < 64; i++) { var c = new Socket(SocketType.Stream, ProtocolType.Tcp); c.Connect(IPAddress.Loopback, full); }" },
        { "Socket.ConnectAsync", FullBacklog + "for (var i = 0; i < 64; i++) { var c = new Socket(SocketType.Stream, ProtocolType.Tcp); await c.ConnectAsync(IPAddress.Loopback, full); }" },
        { "Socket.Send", NeverReads + "var chunk = new byte[1 << 16];\nwhile (true) c.Send(chunk);" },
        { "Socket.SendAsync", NeverReads + "var chunk = new byte[1 << 16];\nwhile (true) await c.SendAsync(chunk, SocketFlags.None);" },
        { "TcpListener.AcceptTcpClient", "var l = new TcpListener(IPAddress.Loopback, 0);\nl.Start();\nl.AcceptTcpClient();" },
        { "TcpClient.Connect", FullBacklog + "for (var i = 0; i < 64; i++) { var c = new TcpClient(); c.Connect(IPAddress.Loopback, full); }" },
        { "Stream.Read", "var c = new TcpClient();\nc.Connect(IPAddress.Loopback, port);\nc.GetStream().Read(new byte[16], 0, 16);" },
        { "StreamReader.ReadLine", "var c = new TcpClient();\nc.Connect(IPAddress.Loopback, port);\nnew StreamReader(c.GetStream()).ReadLine();" },
        { "UdpClient.Receive", "var u = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));\nIPEndPoint? from = null;\nu.Receive(ref from);" },
        { "Thread.Sleep", "Console.WriteLine(\"waiting\");\nSystem.Threading.Thread.Sleep(60_000);" },
        { "Task.Wait", "var never = new TaskCompletionSource().Task;\nnever.Wait();" },
        { "Task.Result", "var never = new TaskCompletionSource<int>().Task;\nvar r = never.Result;" },
        { "GetAwaiter().GetResult()", "var never = new TaskCompletionSource<int>().Task;\nnever.GetAwaiter().GetResult();" },
        { "Console.ReadLine", "Console.WriteLine(\"Your name?\");\nvar name = Console.ReadLine();" },
        { "a loop", "var n = 0;\nagain:\nn++;\ngoto again;" },
        { "Socket.Poll", "var u = new Socket(SocketType.Dgram, ProtocolType.Udp);\nu.Bind(new IPEndPoint(IPAddress.Loopback, 0));\nu.Poll(-1, SelectMode.SelectRead);" },
        { "Thread.Join", "var t = new System.Threading.Thread(() => new System.Threading.ManualResetEvent(false).WaitOne());\nt.IsBackground = true; t.Start();\nt.Join();" },
        { "SemaphoreSlim.Wait", "var gate = new System.Threading.SemaphoreSlim(0);\ngate.Wait();" },
    };

    // A listener with a backlog of 1 that never accepts: the kernel queues two connections, then a connect blocks.
    private const string FullBacklog = "var f = new Socket(SocketType.Stream, ProtocolType.Tcp);\nf.Bind(new IPEndPoint(IPAddress.Loopback, 0)); f.Listen(1);\nvar full = ((IPEndPoint)f.LocalEndPoint!).Port;\n";

    // A peer that accepts and never reads, with small buffers: sends fill them, then block.
    private const string NeverReads = "var l = new Socket(SocketType.Stream, ProtocolType.Tcp);\nl.Bind(new IPEndPoint(IPAddress.Loopback, 0)); l.Listen();\nvar c = new Socket(SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = 4096 };\nc.Connect(l.LocalEndPoint!);\nvar peer = l.Accept(); peer.ReceiveBufferSize = 4096;\n";

    [Theory]
    [MemberData(nameof(BlockingCalls))]
    public async Task Submit_CellBlockedInCall_IsStoppedNamingTheCallAndTheNotebookGoesOn(string call, string code)
    {
        var run = await _kernel.SubmitAsync($"var port = {_port};\n{code}", 3);

        Assert.Equal(CellStatus.TimedOut, run.Status);
        Assert.Contains("stopped after 1 s", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(call == "a loop" ? "in a loop" : $"while blocked in {call}", run.ErrorMessage, StringComparison.Ordinal);
        Assert.False(_kernel.IsStuck);
        var next = await _kernel.SubmitAsync("declared + 1", 4);
        Assert.Equal("43", Assert.IsType<ExecuteResultOutput>(Assert.Single(next.Outputs)).Data.Text);
        Assert.Equal("still here", await EchoAsync(_port, "still here"));
    }

    [Fact]
    public async Task Submit_StoppedAccept_LeavesTheListenerUsable()
    {
        // Waiting for a peer is cancelled, not closed: the listener from before accepts the next client.
        Assert.True((await _kernel.SubmitAsync("var l = new Socket(SocketType.Stream, ProtocolType.Tcp);\nl.Bind(new IPEndPoint(IPAddress.Loopback, 0)); l.Listen();\nvar lport = ((IPEndPoint)l.LocalEndPoint!).Port;", 3)).Succeeded);
        var blocked = await _kernel.SubmitAsync("l.Accept();", 4);
        Assert.Equal(CellStatus.TimedOut, blocked.Status);

        var accepted = await _kernel.SubmitAsync("""
            var connecting = Task.Run(() => { var c = new Socket(SocketType.Stream, ProtocolType.Tcp); c.Connect(IPAddress.Loopback, lport); return c; });
            var s = l.Accept();
            s.RemoteEndPoint is IPEndPoint
            """, 5);

        Assert.True(accepted.Succeeded, accepted.ErrorMessage);
        Assert.Equal("True", Assert.IsType<ExecuteResultOutput>(Assert.Single(accepted.Outputs)).Data.Text);
    }

    [Fact]
    public async Task Submit_StoppedReceive_SaysItsConnectionWasClosed()
    {
        var run = await _kernel.SubmitAsync($"var c = new Socket(SocketType.Stream, ProtocolType.Tcp);\nc.Connect(IPAddress.Loopback, {_port});\nc.Receive(new byte[16]);", 3);

        Assert.Contains("its connection was closed to stop it", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, run.ErrorLine);
    }

    [Fact]
    public async Task Submit_ReceiveTimeoutShorterThanCell_KeepsItsOwnSocketException()
    {
        // The stand-in is the plain call until a stop: a socket's own timeout still throws what it throws.
        var run = await _kernel.SubmitAsync($"var c = new Socket(SocketType.Stream, ProtocolType.Tcp) {{ ReceiveTimeout = 100 }};\nc.Connect(IPAddress.Loopback, {_port});\ntry {{ c.Receive(new byte[16]); }} catch (SocketException e) {{ Console.Write(e.SocketErrorCode); }}", 3);

        Assert.True(run.Succeeded, run.ErrorMessage);
        Assert.Equal("TimedOut", Assert.IsType<StreamOutput>(Assert.Single(run.Outputs)).Text);
    }

    [Fact]
    public async Task Submit_NonBlockingSocket_StillThrowsWouldBlock()
    {
        var run = await _kernel.SubmitAsync($"var c = new Socket(SocketType.Stream, ProtocolType.Tcp);\nc.Connect(IPAddress.Loopback, {_port});\nc.Blocking = false;\ntry {{ c.Receive(new byte[16]); }} catch (SocketException e) {{ Console.Write(e.SocketErrorCode); }}", 3);

        Assert.True(run.Succeeded, run.ErrorMessage);
        Assert.Equal("WouldBlock", Assert.IsType<StreamOutput>(Assert.Single(run.Outputs)).Text);
    }

    [Fact]
    public async Task Submit_CallThatCannotBeStopped_SaysSoAndRefusesLaterCells()
    {
        await using var kernel = new NotebookKernel(new KernelOptions
        {
            CellTimeout = TimeSpan.FromMilliseconds(300), StopGrace = TimeSpan.FromMilliseconds(300), BaseDirectory = _temp.Path,
        });
        // SpinWait takes no token and checks nothing: no stop reaches it.
        var run = await kernel.SubmitAsync("System.Threading.Thread.SpinWait(int.MaxValue);", 1);
        var next = await kernel.SubmitAsync("1", 2);

        Assert.Equal(CellStatus.TimedOut, run.Status);
        Assert.Contains("could not be stopped", run.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("stopped after", run.ErrorMessage, StringComparison.Ordinal);
        Assert.True(kernel.IsStuck);
        Assert.False(next.Succeeded);
        Assert.Contains("could not be stopped", next.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CellThatCannotBeStopped_RestartsTheKernelAndSaysWhichCellsWereLost()
    {
        var notebook = new Notebook([
            NotebookCell.Code("var a = 1;"),
            NotebookCell.Code("System.Threading.Thread.SpinWait(int.MaxValue);"),
            NotebookCell.Code("var b = 2;"),
            NotebookCell.Code("b"),
        ]);

        var run = await NotebookRunner.RunAsync(notebook, Path.Combine(_temp.Path, "stuck.ipynb"), new RunOptions
        {
            CellTimeout = TimeSpan.FromMilliseconds(300),
            ContinueAfterFailure = (_, _) => true,
        });

        var restart = Assert.Single(run.Restarts);
        Assert.Equal(2, restart.AfterCell);
        Assert.Equal([1, 2], restart.LostCells);
        Assert.Equal(4, run.Cells.Count);
        Assert.True(run.Cells[2].Succeeded);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Cells[3].Outputs)).Data.Text);
    }

    [Fact]
    public async Task Submit_ThreadSpinningInALoop_IsStoppedWithItsCellAndTheProcessLivesOn()
    {
        // The loop guard ends the thread's loop; the thread ends quietly rather than with an unhandled exception.
        var run = await _kernel.SubmitAsync("var t = new System.Threading.Thread(() => { while (true) { } });\nt.IsBackground = true; t.Start();\nt.Join();", 3);

        Assert.Equal(CellStatus.TimedOut, run.Status);
        Assert.Matches("stopped after 1 s (in a loop|while blocked in Thread.Join)", run.ErrorMessage);
        Assert.Equal("False", Assert.IsType<ExecuteResultOutput>(Assert.Single((await _kernel.SubmitAsync("t.IsAlive", 4)).Outputs)).Data.Text);
    }

    [Fact]
    public async Task Submit_CancelledWhileBlocked_SaysCancelledAndNamesTheCall()
    {
        using var cts = new CancellationTokenSource();
        var run = await _kernel.SubmitAsync("Console.WriteLine(\"waiting\");\nSystem.Threading.Thread.Sleep(60_000);", 3,
            output => { if (output is StreamOutput) cts.Cancel(); }, cts.Token);

        Assert.Equal(CellStatus.Cancelled, run.Status);
        Assert.EndsWith(", line 2: cancelled while blocked in Thread.Sleep.", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BackgroundTaskOfEarlierCell_IsNotStoppedByALaterCellsTimeout()
    {
        Assert.True((await _kernel.SubmitAsync("var ticks = 0;\nvar ticking = Task.Run(async () => { while (true) { await Task.Delay(20); ticks++; } });", 3)).Succeeded);
        Assert.Equal(CellStatus.TimedOut, (await _kernel.SubmitAsync("System.Threading.Thread.Sleep(60_000);", 4)).Status);

        // Waits for a tick (up to 10 s, in a cell allowed 15: a loaded machine may delay the loop's turns).
        var check = await _kernel.SubmitAsync(
            "var before = ticks; var until = DateTime.UtcNow.AddSeconds(10); while (ticks == before && DateTime.UtcNow < until) await Task.Delay(20); ticks > before && !ticking.IsCompleted",
            5, "csharp", TimeSpan.FromSeconds(15));
        Assert.Equal("True", Assert.IsType<ExecuteResultOutput>(Assert.Single(check.Outputs)).Data.Text);
    }

    [Fact]
    public async Task RunAsync_CellTaggedRaisesException_FailsWithoutFailingTheRunAndHasItsOwnTimeout()
    {
        var blocked = NotebookCell.Code("var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);\nl.Start();\nl.AcceptTcpClient();");
        blocked.Metadata["tags"] = new System.Text.Json.Nodes.JsonArray("raises-exception");
        blocked.Metadata[NotebookRunner.MetadataKey] = new System.Text.Json.Nodes.JsonObject { ["timeout"] = 0.5 };
        var notebook = new Notebook([NotebookCell.Code("var before = 1;"), blocked, NotebookCell.Code("before + 1")]);

        var run = await NotebookRunner.RunAsync(notebook, Path.Combine(_temp.Path, "tagged.ipynb"), new RunOptions { CellTimeout = TimeSpan.FromSeconds(60) });

        Assert.True(run.Succeeded);
        Assert.Empty(run.Failures);
        Assert.Equal(CellStatus.TimedOut, run.Cells[1].Status);
        Assert.True(run.Cells[1].RaisesException);
        Assert.Contains("stopped after 0.5 s while blocked in TcpListener.AcceptTcpClient", run.Cells[1].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Executed.Cells[2].Outputs)).Data.Text);
    }

    [Fact]
    public async Task Submit_NonPositiveCellTimeout_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _kernel.SubmitAsync("1", 3, "csharp", TimeSpan.Zero));

        Assert.Equal("timeout", ex.ParamName);
    }

    [Theory]
    [InlineData("Quote(() => Task.FromResult(1).Result)", "() => Task.FromResult(1).Result")]
    [InlineData("Quote(() => Task.FromResult(1)\n    .GetAwaiter().GetResult())", "() => Task.FromResult(1)\n    .GetAwaiter().GetResult()")]
    [InlineData("Quote(() => Task.FromResult(1).Result, \"given\")", "given")]
    [InlineData("Quote(() => 1)", "() => 1")]
    public async Task ACallThatQuotesItsArgument_QuotesItAsWritten_ThoughTheBlockingCallInItWasRewritten(string call, string quoted)
    {
        var result = await _kernel.SubmitAsync($$"""
            using System.Runtime.CompilerServices;
            string Quote<T>(Func<T> call, [CallerArgumentExpression(nameof(call))] string text = "") => text;
            {{call}}
            """, 3);

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(quoted, Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).Data.Text);
    }

    private static async Task<string?> EchoAsync(int port, string line)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), deadline.Token);
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync(deadline.Token);
    }
}
