using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Running;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("run-command");

    public void Dispose() => _temp.Dispose();

    private string Write(string name, params NotebookCell[] cells)
    {
        var path = Path.Combine(_temp.Path, name);
        NotebookFile.Save(new Notebook(cells), path);
        return path;
    }

    [Fact]
    public async Task Run_Welcome_WritesExecutedCopyShowingHostName()
    {
        var output = Path.Combine(_temp.Path, "out");

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(CourseFiles.Root, "run", "notebooks/00-welcome.ipynb", "--out", output, "--offline");

        Assert.True(code == 0, stdout + stderr);
        var executed = NotebookFile.Load(Path.Combine(output, "00-welcome.ipynb"));
        var results = executed.Cells.SelectMany(c => c.Outputs).OfType<ExecuteResultOutput>().Select(r => r.Data.Text).ToList();
        Assert.Contains(Dns.GetHostName(), results);
        Assert.Contains(results, r => r.Contains("offline", StringComparison.Ordinal));
        Assert.Contains("00-welcome.ipynb", stdout, StringComparison.Ordinal);
        Assert.Contains("passed", stdout, StringComparison.Ordinal);
    }

    [PeerFact(Peer.JupyterNbformat)]
    public async Task Run_ExecutedCopy_IsValidForJupyter()
    {
        var output = _temp["out"];
        Assert.Equal(0, (await CourseFiles.LessonsAsync(CourseFiles.Root, "run", "notebooks/00-welcome.ipynb", "--out", output)).ExitCode);

        Assert.Null(await Peers.NbformatValidateAsync(Path.Combine(output, "00-welcome.ipynb")));
    }

    [Fact]
    public async Task Run_Html_WritesBrowsablePagesAndIndex()
    {
        var site = Path.Combine(_temp.Path, "site");

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(CourseFiles.Root, "run", "notebooks/00-welcome.ipynb", "--out", Path.Combine(_temp.Path, "out"), "--html", site);

        Assert.True(code == 0, stdout + stderr);
        var page = File.ReadAllText(Path.Combine(site, "00-welcome.html"));
        Assert.Contains("<h1 id=\"welcome-to-networkinglessons\">Welcome to NetworkingLessons</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"<pre>{Dns.GetHostName()}</pre>", page, StringComparison.Ordinal); // an output, in its richest form
        Assert.Contains("<table><thead><tr><th>Fact</th><th>Value</th></tr></thead><tbody><tr><td style=\"text-align:left\">SDK</td>", page, StringComparison.Ordinal); // HTML output kept as HTML
        Assert.Contains("href=\"index.html\"", page, StringComparison.Ordinal); // navigation points within the site
        Assert.Contains("href=\"00-welcome.html\"", File.ReadAllText(Path.Combine(site, "index.html")), StringComparison.Ordinal);
    }

    [PeerFact(Peer.Chromium)]
    public async Task Run_Html_PageRendersInABrowser()
    {
        var site = _temp["site"];
        Assert.Equal(0, (await CourseFiles.LessonsAsync(CourseFiles.Root, "run", "notebooks/00-welcome.ipynb", "--out", _temp["out"], "--html", site)).ExitCode);

        var dom = await Chromium.DumpDomAsync(Path.Combine(site, "00-welcome.html"), 2000);

        Assert.Contains("Welcome to NetworkingLessons", dom, StringComparison.Ordinal);
        Assert.Contains(Dns.GetHostName(), dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FailingCell_ExitsOneNamingNotebookCellAndLine()
    {
        var path = Write("broken.ipynb",
            NotebookCell.Markdown("# Broken"),
            NotebookCell.Code("var ok = 1;"),
            NotebookCell.Code("var x = 2;\nthrow new InvalidOperationException(\"port in use\");"),
            NotebookCell.Code("Console.WriteLine(\"never\");"));

        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "run", path, "--out", Path.Combine(_temp.Path, "out"));

        Assert.Equal(1, code);
        Assert.Contains("broken.ipynb: Cell In [2] `var x = 2;`, line 2: InvalidOperationException: port in use", stdout, StringComparison.Ordinal);
        Assert.Contains("failed in In [2], line 2", stdout, StringComparison.Ordinal);
        var executed = NotebookFile.Load(Path.Combine(_temp.Path, "out", "broken.ipynb"));
        Assert.Empty(executed.Cells[3].Outputs); // the run stopped at the failure
    }

    [Fact]
    public async Task Run_TimeoutOption_StopsALoopingCell()
    {
        var path = Write("loop.ipynb", NotebookCell.Code("while (true) { }"));

        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "run", path, "--timeout", "1");

        Assert.Equal(1, code);
        Assert.Contains("stopped after 1 s in a loop", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "artifacts", "executed", "loop.ipynb")));
    }

    [Fact]
    public async Task Run_CtrlC_StopsTheRunningCellAndReportsIt()
    {
        var marker = _temp["cell-started"];
        var path = Write("spin.ipynb", NotebookCell.Code($"System.IO.File.WriteAllText(@\"{marker}\", \"started\");\nwhile (true) {{ }}"));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "lessons.dll"), "run", path, "--timeout", "300", "--out", _temp["out"] })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        InterruptSignal.RestoreForChildren();
        using var lessons = System.Diagnostics.Process.Start(start)!;
        var stdout = lessons.StandardOutput.ReadToEndAsync();
        var stderr = lessons.StandardError.ReadToEndAsync();
        using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!File.Exists(marker)) // the cell is running once it has written the marker
            {
                await Task.Delay(20, started.Token);
            }
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", lessons.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await lessons.WaitForExitAsync(exited.Token);

        var output = await stdout + await stderr;
        Assert.NotEqual(0, lessons.ExitCode);
        Assert.Contains(", line 2: cancelled in a loop.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(_temp["out/spin.ipynb"]), output); // the executed copy is still written
    }

    [Theory]
    [InlineData("{\"cells\": [", "bad.ipynb: not valid JSON at line 1")]
    [InlineData("{\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "bad.ipynb: no 'cells' array")]
    public async Task Run_MalformedNotebook_ReportsFileAndGoesOn(string content, string message)
    {
        File.WriteAllText(Path.Combine(_temp.Path, "bad.ipynb"), content);
        Write("good.ipynb", NotebookCell.Code("1 + 1"));

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_temp.Path, "run", _temp.Path);

        Assert.Equal(1, code);
        Assert.Contains(message, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal); // no stack trace
        Assert.Contains("1 of 2 notebooks passed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingPath_ExitsOneNamingIt()
    {
        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "run", "nowhere.ipynb");

        Assert.Equal(1, code);
        Assert.Contains("nowhere.ipynb: no such notebook or folder", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NonPositiveTimeout_IsRejected()
    {
        var (code, _, stderr) = await CourseFiles.LessonsAsync(_temp.Path, "run", "--timeout", "0");

        Assert.NotEqual(0, code);
        Assert.Contains("--timeout must be a positive number of seconds, not 0", stderr, StringComparison.Ordinal);
    }

    // A server in the first cell, then a cell blocked in each call students block in, then a cell that needs the
    // first. (The async forms, .Result, GetResult and Console.ReadLine, which reads the end of input here, are
    // covered by BlockedCellTests.)
    private static readonly (string Call, string Code)[] BlockingCells =
    [
        ("Socket.Accept", "var l1 = new Socket(SocketType.Stream, ProtocolType.Tcp);\nl1.Bind(new IPEndPoint(IPAddress.Loopback, 0)); l1.Listen();\nl1.Accept();"),
        ("Socket.Receive", "var c2 = new Socket(SocketType.Stream, ProtocolType.Tcp);\nc2.Connect(IPAddress.Loopback, port);\nc2.Receive(new byte[16]);"),
        ("Socket.ReceiveFrom", "var u3 = new Socket(SocketType.Dgram, ProtocolType.Udp);\nu3.Bind(new IPEndPoint(IPAddress.Loopback, 0));\nEndPoint from3 = new IPEndPoint(IPAddress.Any, 0);\nu3.ReceiveFrom(new byte[16], ref from3);"),
        ("Socket.Connect", "var f4 = new Socket(SocketType.Stream, ProtocolType.Tcp);\nf4.Bind(new IPEndPoint(IPAddress.Loopback, 0)); f4.Listen(1);\nfor (var i = 0; i < 64; i++) new Socket(SocketType.Stream, ProtocolType.Tcp).Connect(f4.LocalEndPoint!);"),
        ("Socket.Send", "var l5 = new Socket(SocketType.Stream, ProtocolType.Tcp);\nl5.Bind(new IPEndPoint(IPAddress.Loopback, 0)); l5.Listen();\nvar c5 = new Socket(SocketType.Stream, ProtocolType.Tcp); c5.Connect(l5.LocalEndPoint!); var p5 = l5.Accept();\nwhile (true) c5.Send(new byte[65536]);"),
        ("TcpListener.AcceptTcpClient", "var l7 = new TcpListener(IPAddress.Loopback, 0);\nl7.Start();\nl7.AcceptTcpClient();"),
        ("TcpClient.Connect", "var f8 = new Socket(SocketType.Stream, ProtocolType.Tcp);\nf8.Bind(new IPEndPoint(IPAddress.Loopback, 0)); f8.Listen(1);\nfor (var i = 0; i < 64; i++) new TcpClient().Connect((IPEndPoint)f8.LocalEndPoint!);"),
        ("Stream.Read", "var c9 = new TcpClient();\nc9.Connect(IPAddress.Loopback, port);\nc9.GetStream().Read(new byte[16], 0, 16);"),
        ("StreamReader.ReadLine", "var c10 = new TcpClient();\nc10.Connect(IPAddress.Loopback, port);\nnew StreamReader(c10.GetStream()).ReadLine();"),
        ("UdpClient.Receive", "var u11 = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));\nIPEndPoint? from11 = null;\nu11.Receive(ref from11);"),
        ("Thread.Sleep", "System.Threading.Thread.Sleep(60_000);"),
        ("Task.Wait", "new TaskCompletionSource().Task.Wait();"),
        ("a loop", "var n17 = 0;\nagain:\nn17++;\ngoto again;"),
    ];

    [Fact]
    public async Task Run_AllowErrors_StopsEveryBlockedCellAndRunsTheRestWithTheServerStillAnswering()
    {
        var server = """
            using System.Net;
            using System.Net.Sockets;
            using System.IO;
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            var port = ((IPEndPoint)server.LocalEndpoint).Port;
            _ = Task.Run(async () =>
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
            """;
        var check = """
            var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, port);
            var probeWriter = new StreamWriter(probe.GetStream()) { AutoFlush = true };
            await probeWriter.WriteLineAsync("still serving");
            await new StreamReader(probe.GetStream()).ReadLineAsync()
            """;
        var path = Write("blocking.ipynb", [NotebookCell.Code(server), .. BlockingCells.Select(c => NotebookCell.Code(c.Code)), NotebookCell.Code(check)]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(_temp.Path, "run", path, "--allow-errors", "--timeout", "2", "--out", _temp["out"]);

        Console.WriteLine($"lessons run --allow-errors --timeout 2 over {BlockingCells.Length} blocked cells: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(1, code);
        var executed = NotebookFile.Load(_temp["out/blocking.ipynb"]);
        Assert.All(executed.Cells, c => Assert.NotNull(c.ExecutionCount)); // every cell ran
        for (var i = 0; i < BlockingCells.Length; i++)
        {
            var error = Assert.IsType<ErrorOutput>(Assert.Single(executed.Cells[i + 1].Outputs, o => o is ErrorOutput));
            var expected = BlockingCells[i].Call == "a loop" ? "stopped after 2 s in a loop" : $"stopped after 2 s while blocked in {BlockingCells[i].Call}";
            Assert.True(error.Value.Contains(expected, StringComparison.Ordinal), $"cell {i + 2}: {error.Value}");
        }
        Assert.True(executed.Cells[^1].Outputs is [ExecuteResultOutput { Data.Text: "still serving" }], string.Join("\n", executed.Cells[^1].Outputs));
        Assert.Contains($"(+{BlockingCells.Length - 1} more)", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutAllowErrors_StopsAtTheFirstFailure()
    {
        var path = Write("stop.ipynb", NotebookCell.Code("throw new Exception(\"first\");"), NotebookCell.Code("Console.WriteLine(\"second\");"));

        var (code, _, _) = await CourseFiles.LessonsAsync(_temp.Path, "run", path, "--out", _temp["out"]);

        Assert.Equal(1, code);
        Assert.Null(NotebookFile.Load(_temp["out/stop.ipynb"]).Cells[1].ExecutionCount);
    }

    [PeerFact(Peer.Chromium, Peer.Mermaid, Peer.PlotlyJs)]
    public async Task Run_Html_DrawsMermaidAndPlotlyFromTheSitesOwnCopies()
    {
        var path = Write("drawn.ipynb",
            NotebookCell.Markdown("# Drawn\n\n```mermaid\nsequenceDiagram\n  Client->>Server: SYN\n  Server->>Client: SYN-ACK\n```"),
            new NotebookCell(CellKind.Code, "mermaid", "sequenceDiagram\n  Client->>Server: FIN"),
            NotebookCell.Code("HTML(\"<div id='plot'></div><script>Plotly.newPlot('plot', [{ y: [1, 3, 2] }]);</script>\")"));
        var site = _temp["site"];
        // Run from inside the course, where web/node_modules holds the scripts.
        Assert.Equal(0, (await CourseFiles.LessonsAsync(CourseFiles.Root, "run", path, "--out", _temp["out"], "--html", site)).ExitCode);

        var html = File.ReadAllText(Path.Combine(site, "drawn.html"));
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal); // nothing from a CDN
        var dom = await Chromium.DumpDomAsync(Path.Combine(site, "drawn.html"), 8000);

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(dom, "aria-roledescription=\"sequence\"").Count);
        Assert.Contains("class=\"plot-container plotly\"", dom, StringComparison.Ordinal);
    }

    [PeerFact(Peer.PacketCapture)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Run_LessonThatCapturesWithoutTheRight_SaysWhatIsMissingAndShowsARecording()
    {
        // Root can capture; the same lesson run as 'nobody', without CAP_NET_RAW, must say so and fall back.
        var output = _temp["as-nobody"];
        Directory.CreateDirectory(output);
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)0x1FF);
        File.SetUnixFileMode(output, (UnixFileMode)0x1FF);
        var (code, stdout, stderr) = await Peers.RunAsync("setpriv",
            ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
             "env", $"HOME={output}", $"DOTNET_CLI_HOME={output}", "NO_COLOR=1", "dotnet", Path.Combine(AppContext.BaseDirectory, "lessons.dll"),
             "run", "04", "--offline", "--out", output], TimeSpan.FromMinutes(3), CourseFiles.Root);

        Assert.True(code == 0, stdout + stderr);
        var text = string.Concat(NotebookFile.Load(Path.Combine(output, "04-byte-order.ipynb")).Cells
            .SelectMany(c => c.Outputs).OfType<ExecuteResultOutput>().Select(r => r.Data.Text));
        Assert.Contains("not capturing: capturing needs root or the CAP_NET_RAW capability", text, StringComparison.Ordinal);
        Assert.Contains("recorded earlier by the course's own tools on loopback, because this machine could not capture", text, StringComparison.Ordinal);
    }
}
