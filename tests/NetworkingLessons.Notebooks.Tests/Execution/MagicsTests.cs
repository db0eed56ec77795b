using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Execution;

public sealed class MagicsTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new("magics");
    private NotebookKernel _kernel = null!;

    public Task InitializeAsync()
    {
        _kernel = new NotebookKernel(new KernelOptions { BaseDirectory = _temp.Path, CellTimeout = TimeSpan.FromSeconds(20) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _kernel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Submit_Time_PrintsWallTimeAsPolyglotDoes()
    {
        var run = await _kernel.SubmitAsync("#!time\nvar x = 1;\nx + 1", 1);

        Assert.True(run.Succeeded, run.ErrorMessage);
        var stream = Assert.IsType<StreamOutput>(run.Outputs[0]);
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms\n$", stream.Text);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(run.Outputs[1]).Data.Text);
    }

    [Fact]
    public async Task Submit_TimeOnAFailingCell_ReportsTheErrorAtItsOwnLine()
    {
        var run = await _kernel.SubmitAsync("#!time\nvar x = 1;\nthrow new Exception(\"boom\");", 1);

        Assert.Equal(3, run.ErrorLine);
        Assert.DoesNotContain(run.Outputs, o => o is StreamOutput);
    }

    [Fact]
    public async Task Submit_KernelSwitchesInsideACell_RunEachPartInItsKernel()
    {
        var run = await _kernel.SubmitAsync("#!markdown\n# Ports\n#!csharp\nvar port = 80;\nport\n#!html\n<b>80</b>", 1);

        Assert.True(run.Succeeded, run.ErrorMessage);
        Assert.Collection(run.Outputs,
            o => Assert.Equal("# Ports", Assert.IsType<DisplayDataOutput>(o).Data["text/markdown"]),
            o => Assert.Equal("80", Assert.IsType<ExecuteResultOutput>(o).Data.Text),
            o => Assert.Equal("<b>80</b>", Assert.IsType<DisplayDataOutput>(o).Data["text/html"]));
    }

    [Fact]
    public async Task Submit_CSharpAfterASwitch_ErrorsNameTheCellsOwnLine()
    {
        var run = await _kernel.SubmitAsync("#!markdown\nprose\n#!csharp\nvar a = 1;\nvar b = missing;", 1);

        Assert.Equal(CellStatus.CompilationError, run.Status);
        Assert.Equal(5, run.ErrorLine);
    }

    [Theory]
    [InlineData("html", "<i>hi</i>", "text/html", "<i>hi</i>")]
    [InlineData("javascript", "console.log(1)", "application/javascript", "console.log(1)")]
    [InlineData("mermaid", "sequenceDiagram\n  A->>B: SYN", "text/vnd.mermaid", "sequenceDiagram\n  A->>B: SYN")]
    [InlineData("markdown", "**bold**", "text/markdown", "**bold**")]
    public async Task Submit_CellOfADisplayKernel_ShowsItsText(string kernel, string code, string mime, string expected)
    {
        var run = await _kernel.SubmitAsync(code, 1, kernel);

        Assert.True(run.Succeeded);
        Assert.Equal(expected, Assert.IsType<DisplayDataOutput>(Assert.Single(run.Outputs)).Data[mime]);
    }

    [Fact]
    public async Task Submit_MermaidCell_AlsoGivesABlockThePageCanDraw()
    {
        var run = await _kernel.SubmitAsync("sequenceDiagram\n  A->>B: SYN", 1, "mermaid");

        var html = Assert.IsType<DisplayDataOutput>(Assert.Single(run.Outputs)).Data["text/html"];
        Assert.Equal("<pre class=\"mermaid\">sequenceDiagram\n  A-&gt;&gt;B: SYN</pre>", html);
    }

    [Theory]
    [InlineData("fsharp", "let x = 1", "fsharp")]
    [InlineData("pwsh", "Get-Date", "pwsh")]
    [InlineData("csharp", "#!fsharp\nlet x = 1", "fsharp")]
    public async Task Submit_OtherLanguage_IsSkippedWithOneLineAndTheRunGoesOn(string kernel, string code, string named)
    {
        var run = await _kernel.SubmitAsync(code, 1, kernel);

        Assert.True(run.Succeeded);
        var note = Assert.IsType<StreamOutput>(Assert.Single(run.Outputs));
        Assert.Equal($"this course runs C# only: {named} cells are skipped.\n", note.Text);
        Assert.True((await _kernel.SubmitAsync("1", 2)).Succeeded);
    }

    [Fact]
    public async Task Submit_NuGetReference_KeepsItsClearMessage()
    {
        var run = await _kernel.SubmitAsync("#r \"nuget: Newtonsoft.Json\"", 1);

        Assert.Equal(CellStatus.Unsupported, run.Status);
        Assert.Contains("the course runs offline", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotebookWithOtherKernelCells_RunsThemAll()
    {
        var notebook = new Notebook([
            new NotebookCell(CellKind.Code, "mermaid", "graph LR\n  A-->B"),
            new NotebookCell(CellKind.Code, "fsharp", "let x = 1"),
            NotebookCell.Code("2 + 2"),
        ]);

        var run = await NotebookRunner.RunAsync(notebook, _temp["n.ipynb"]);

        Assert.True(run.Succeeded);
        Assert.Equal(3, run.Cells.Count);
        Assert.Equal("4", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Executed.Cells[2].Outputs)).Data.Text);
    }
}
