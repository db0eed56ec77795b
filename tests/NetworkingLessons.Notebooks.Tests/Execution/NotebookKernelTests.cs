using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Execution;

public sealed class NotebookKernelTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new("kernel-tests");
    private NotebookKernel _kernel = null!;

    public Task InitializeAsync()
    {
        _kernel = new NotebookKernel(new KernelOptions { BaseDirectory = _temp.Path, NotebookName = "test.ipynb", CellTimeout = TimeSpan.FromSeconds(20) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _kernel.DisposeAsync();
        Directory.Delete(_temp.Path, recursive: true);
    }

    private static string Stdout(CellRun run) =>
        string.Concat(run.Outputs.OfType<StreamOutput>().Where(s => s.Name == StreamOutput.StandardOutput).Select(s => s.Text));

    [Fact]
    public async Task Submit_VariableFromEarlierCell_IsVisibleInLaterCell()
    {
        await _kernel.SubmitAsync("var port = 8080;", 1);
        var run = await _kernel.SubmitAsync("port + 1", 2);

        Assert.True(run.Succeeded);
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs));
        Assert.Equal("8081", result.Data.Text);
        Assert.Equal(2, result.ExecutionCount);
    }

    [Fact]
    public async Task Submit_TrailingExpressionWithSemicolon_ShowsNothing()
    {
        var run = await _kernel.SubmitAsync("var x = Math.Max(1, 2);\nMath.Max(x, 3);", 1);

        Assert.True(run.Succeeded);
        Assert.Empty(run.Outputs);
    }

    [Fact]
    public async Task Submit_TrailingNullExpression_ShowsNull()
    {
        var run = await _kernel.SubmitAsync("string? s = null;\ns", 1);

        Assert.Equal("<null>", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data.Text);
    }

    [Fact]
    public async Task Submit_ConsoleWrites_BecomeMergedStreamOutputs()
    {
        var run = await _kernel.SubmitAsync("Console.Write(\"a\"); Console.WriteLine(\"b\"); Console.Error.WriteLine(\"oops\");", 1);

        Assert.Equal(
            [new StreamOutput("stdout", "ab\n"), new StreamOutput("stderr", "oops\n")],
            run.Outputs);
    }

    [Fact]
    public async Task Submit_OutputFromTaskAndThread_IsCapturedWhileCellRuns()
    {
        var run = await _kernel.SubmitAsync("""
            await Task.Run(() => Console.WriteLine("from task"));
            var t = new System.Threading.Thread(() => Console.WriteLine("from thread"));
            t.Start(); t.Join();
            """, 1);

        Assert.Equal("from task\nfrom thread\n", Stdout(run));
    }

    [Fact]
    public async Task Submit_DisplayFunctions_ProduceDisplayData()
    {
        var run = await _kernel.SubmitAsync("""
            display(42);
            HTML("<b>hi</b>").Display();
            "# Title".DisplayAs("text/markdown");
            display("last")
            """, 1);

        var shown = run.Outputs.Cast<DisplayDataOutput>().Select(d => d.Data).ToList();
        Assert.Equal(4, shown.Count); // display(...) returns a DisplayedValue, which is not shown again
        Assert.Equal("42", shown[0].Text);
        Assert.Equal("<b>hi</b>", shown[1]["text/html"]);
        Assert.Equal("# Title", shown[2]["text/markdown"]);
        Assert.Equal("last", shown[3].Text);
    }

    [Fact]
    public async Task Submit_ValueWithToMimeBundle_DisplaysItsRichForms()
    {
        var run = await _kernel.SubmitAsync("""
            class Swatch { public IReadOnlyDictionary<string, string> ToMimeBundle() => new Dictionary<string, string> { ["text/plain"] = "red", ["image/svg+xml"] = "<svg/>" }; }
            new Swatch()
            """, 1);

        var data = Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data;
        Assert.Equal("red", data.Text);
        Assert.Equal("<svg/>", data["image/svg+xml"]);
    }

    [Fact]
    public async Task Submit_CompileError_ReportsCellAndLine()
    {
        var run = await _kernel.SubmitAsync("var a = 1;\nvar b = a + missing;", 3);

        Assert.Equal(CellStatus.CompilationError, run.Status);
        Assert.Equal(2, run.ErrorLine);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.Outputs));
        Assert.StartsWith("Cell In [1] `var a = 1;`, line 2: error CS0103", error.Value, StringComparison.Ordinal);
        Assert.Contains("missing", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Exception_ReportsCellLineAndType()
    {
        var run = await _kernel.SubmitAsync("var x = 1;\n\nthrow new InvalidOperationException(\"boom\");", 5);

        Assert.Equal(CellStatus.Exception, run.Status);
        Assert.Equal(3, run.ErrorLine);
        Assert.Equal("System.InvalidOperationException", run.ExceptionType);
        Assert.Equal("Cell In [1] `var x = 1;`, line 3: InvalidOperationException: boom", run.ErrorMessage);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.Outputs));
        Assert.Contains(error.Traceback, l => l.Contains("in In [1], line 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_ExceptionInFunctionFromEarlierCell_NamesBothCells()
    {
        await _kernel.SubmitAsync("int Divide(int a, int b)\n{\n    return a / b;\n}", 1);
        var run = await _kernel.SubmitAsync("Divide(1, 0)", 2);

        Assert.Equal(CellStatus.Exception, run.Status);
        Assert.Equal(1, run.ErrorLine);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.Outputs));
        Assert.Contains(error.Traceback, l => l.Contains("Divide in In [1], line 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_InfiniteLoop_TimesOutAndStops()
    {
        await using var kernel = new NotebookKernel(new KernelOptions { CellTimeout = TimeSpan.FromMilliseconds(300), BaseDirectory = _temp.Path });
        var run = await kernel.SubmitAsync("var n = 0;\nwhile (true) n++;", 1);

        Assert.Equal(CellStatus.TimedOut, run.Status);
        Assert.Equal(2, run.ErrorLine);
        Assert.Contains("stopped after 0.3 s in a loop", run.ErrorMessage, StringComparison.Ordinal);
        // The loop was stopped, not abandoned: the kernel still runs cells, and sees what the stopped cell declared.
        var next = await kernel.SubmitAsync("n > 0", 2);
        Assert.Equal("True", Assert.IsType<ExecuteResultOutput>(Assert.Single(next.Outputs)).Data.Text);
    }

    [Fact]
    public async Task Submit_WaitOnAnEventThatNeverComes_IsStoppedAndLaterCellsRun()
    {
        await using var kernel = new NotebookKernel(new KernelOptions { CellTimeout = TimeSpan.FromMilliseconds(200), BaseDirectory = _temp.Path });
        var run = await kernel.SubmitAsync("new System.Threading.ManualResetEventSlim().Wait(5000);", 1);
        var next = await kernel.SubmitAsync("1", 2);

        Assert.Equal(CellStatus.TimedOut, run.Status);
        Assert.Contains("while blocked in ManualResetEventSlim.Wait", run.ErrorMessage, StringComparison.Ordinal);
        Assert.True(next.Succeeded);
    }

    [Fact]
    public async Task Submit_Cancelled_ReportsCancelled()
    {
        using var cts = new CancellationTokenSource();
        // Cancel once the cell says it is running, as a user presses Ctrl+C while it spins.
        var run = await _kernel.SubmitAsync("Console.WriteLine(\"spinning\");\nfor (var i = 0; ; i++) { }", 1,
            output => { if (output is StreamOutput) cts.Cancel(); }, cts.Token);

        Assert.Equal(CellStatus.Cancelled, run.Status);
        Assert.Equal("Cell In [1] `Console.WriteLine(\"spinning\");`, line 2: cancelled in a loop.", run.ErrorMessage);
    }

    [Fact]
    public async Task Submit_AlreadyCancelled_ReportsCancelledWithoutThrowing()
    {
        var run = await _kernel.SubmitAsync("1 + 1", 4, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(CellStatus.Cancelled, run.Status);
        Assert.Equal("Cell In [1] `1 + 1`: cancelled.", run.ErrorMessage);
        Assert.True((await _kernel.SubmitAsync("2 + 2", 5)).Succeeded); // the kernel is still usable
    }

    [Fact]
    public async Task RunAsync_CancelledBetweenCells_StopsWithoutRunningTheRest()
    {
        using var cts = new CancellationTokenSource();
        var notebook = new Notebook([NotebookCell.Code("var a = 1;"), NotebookCell.Code("var b = 2;")]);

        var run = await NotebookRunner.RunAsync(notebook, Path.Combine(_temp.Path, "n.ipynb"), new RunOptions
        {
            CellCompleted = (_, _) => cts.Cancel(),
        }, cts.Token);

        Assert.Single(run.Cells);
        Assert.False(run.Succeeded);
        Assert.Empty(run.Executed.Cells[1].Outputs);
    }

    [Fact]
    public async Task Submit_RelativeLoadAndReference_ResolveFromBaseDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "helpers"));
        File.WriteAllText(Path.Combine(_temp.Path, "helpers", "greet.csx"), "string Greet(string who) => $\"hello, {who}\";");
        var library = typeof(NotebookKernelTests).Assembly.Location;
        File.Copy(library, Path.Combine(_temp.Path, "helpers", "TestLibrary.dll"));

        var load = await _kernel.SubmitAsync("#load \"helpers/greet.csx\"\nGreet(\"loopback\")", 1);
        var reference = await _kernel.SubmitAsync("#r \"helpers/TestLibrary.dll\"\ntypeof(NetworkingLessons.Notebooks.Tests.Execution.NotebookKernelTests).Name", 2);

        Assert.Equal("hello, loopback", Assert.IsType<ExecuteResultOutput>(Assert.Single(load.Outputs)).Data.Text);
        Assert.Equal("NotebookKernelTests", Assert.IsType<ExecuteResultOutput>(Assert.Single(reference.Outputs)).Data.Text);
    }

    [Theory]
    [InlineData("#!who\nvar x = 1;", 1, "'#!who' is not supported")]
    [InlineData("// packages\n#r \"nuget: Newtonsoft.Json\"", 2, "NuGet references")]
    public async Task Submit_UnsupportedDirective_GivesOneClearLine(string code, int line, string expected)
    {
        var run = await _kernel.SubmitAsync(code, 1);

        Assert.Equal(CellStatus.Unsupported, run.Status);
        Assert.Equal(line, run.ErrorLine);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.Outputs));
        Assert.Contains(expected, error.Value, StringComparison.Ordinal);
        Assert.Empty(error.Traceback);
    }

    [Fact]
    public async Task Submit_CSharpSelectorLine_IsIgnored()
    {
        var run = await _kernel.SubmitAsync("#!csharp\n40 + 2", 1);

        Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data.Text);
    }

    [Fact]
    public async Task Submit_DefaultImportsAndLatestLanguage_AreAvailable()
    {
        var run = await _kernel.SubmitAsync("""
            var list = new List<int> { 3, 1, 2 };
            int[] sorted = [.. list.Order()];
            System.Net.IPAddress.Loopback.ToString() + " " + string.Join(",", sorted)
            """, 1);

        Assert.Equal("127.0.0.1 1,2,3", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data.Text);
    }

    [Fact]
    public async Task Dispose_DisposesRegisteredServer_EvenAfterAFailingCell()
    {
        var kernel = new NotebookKernel(new KernelOptions { BaseDirectory = _temp.Path });
        var start = await kernel.SubmitAsync("""
            var listener = RegisterForDisposal(new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0));
            listener.Start();
            ((System.Net.IPEndPoint)listener.LocalEndpoint).Port
            """, 1);
        var port = int.Parse(Assert.IsType<ExecuteResultOutput>(Assert.Single(start.Outputs)).Data.Text, System.Globalization.CultureInfo.InvariantCulture);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port); // listening
        }
        var failing = await kernel.SubmitAsync("throw new Exception(\"student bug\");", 2);
        Assert.False(failing.Succeeded);

        await kernel.DisposeAsync();

        using var late = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Empty(kernel.CleanupErrors);
    }

    [Fact]
    public async Task RegisterForDisposal_NotDisposable_ThrowsNamingType()
    {
        var run = await _kernel.SubmitAsync("RegisterForDisposal(new object());", 1);

        Assert.Equal(CellStatus.Exception, run.Status);
        Assert.Contains("Object is neither IDisposable nor IAsyncDisposable", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonPositiveTimeout_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new NotebookKernel(new KernelOptions { CellTimeout = TimeSpan.Zero }));
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public async Task Submit_ReferenceToALibraryNotBuilt_SaysToBuildItAndWherePathsStart()
    {
        var run = await _kernel.SubmitAsync("#r \"../lib/NetworkingLessons/bin/notebooks/NetworkingLessons.dll\"", 1);

        Assert.Equal(CellStatus.CompilationError, run.Status);
        Assert.Contains("error CS0006: no library at ../lib/NetworkingLessons/bin/notebooks/NetworkingLessons.dll: run dotnet build first", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"relative to this notebook's folder, {_temp.Path}", run.ErrorMessage, StringComparison.Ordinal);
    }
}
