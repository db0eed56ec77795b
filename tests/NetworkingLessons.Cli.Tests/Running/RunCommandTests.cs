using System.Net;
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
    public void OfflineVariable_IsTheOneTheLibraryReads()
    {
        var library = File.ReadAllText(Path.Combine(CourseFiles.Root, "lib", "NetworkingLessons", "Course", "CourseEnvironment.cs"));

        Assert.Contains($"public const string OfflineVariable = \"{NetworkingLessons.Cli.Running.RunCommand.OfflineVariable}\";", library, StringComparison.Ordinal);
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
        Assert.Contains("<table><tr><th style=\"text-align:left\">SDK</th>", page, StringComparison.Ordinal); // HTML output kept as HTML
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
}
