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
        var dom = await Chromium.DumpDomAsync(Path.Combine(site, "00-welcome.html"), 2000);
        Assert.Contains("Welcome to NetworkingLessons", dom, StringComparison.Ordinal);
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
        Assert.Contains("broken.ipynb: Cell 3, line 2: InvalidOperationException: port in use", stdout, StringComparison.Ordinal);
        Assert.Contains("failed in cell 3, line 2", stdout, StringComparison.Ordinal);
        var executed = NotebookFile.Load(Path.Combine(_temp.Path, "out", "broken.ipynb"));
        Assert.Empty(executed.Cells[3].Outputs); // the run stopped at the failure
    }

    [Fact]
    public async Task Run_TimeoutOption_StopsALoopingCell()
    {
        var path = Write("loop.ipynb", NotebookCell.Code("while (true) { }"));

        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "run", path, "--timeout", "1");

        Assert.Equal(1, code);
        Assert.Contains("timed out after 1 s", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "artifacts", "executed", "loop.ipynb")));
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
