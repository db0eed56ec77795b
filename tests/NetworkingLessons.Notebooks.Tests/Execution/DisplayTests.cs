using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Execution;

public sealed class DisplayTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new("display");
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
    public async Task Submit_GenericDictionaryAsLastValue_ShowsATable()
    {
        var run = await _kernel.SubmitAsync("var d = new Dictionary<string,int>{[\"a\"]=1}; d", 1);

        Assert.True(run.Succeeded, run.ErrorMessage);
        var data = Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data;
        Assert.Equal("{ \"a\": 1 }", data.Text);
        Assert.Contains("<td>a</td><td>1</td>", data["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ValueWhoseFormattingFails_StillCompletesTheCell()
    {
        var run = await _kernel.SubmitAsync("""
            class Bad : IEnumerable<int> { public IEnumerator<int> GetEnumerator() => throw new Exception("no"); IEnumerator IEnumerable.GetEnumerator() => GetEnumerator(); }
            new Bad()
            """, 1);

        Assert.True(run.Succeeded);
        Assert.Contains("could not be formatted: Exception: no", Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Display_WithMimeType_HonoursIt()
    {
        var run = await _kernel.SubmitAsync("display(\"<b>bold</b>\", \"text/html\");", 1);

        Assert.Equal("<b>bold</b>", Assert.IsType<DisplayDataOutput>(Assert.Single(run.Outputs)).Data["text/html"]);
    }

    [Fact]
    public async Task Update_InTheSameCell_ReplacesTheOutputInPlace()
    {
        var updates = new List<UpdateDisplayDataOutput>();
        _kernel.DisplayUpdated += updates.Add;

        var run = await _kernel.SubmitAsync("var progress = display(\"0 of 3\");\nfor (var i = 1; i <= 3; i++) progress.Update($\"{i} of 3\");\nConsole.WriteLine(\"done\");", 1);

        Assert.True(run.Succeeded, run.ErrorMessage);
        var shown = Assert.IsType<DisplayDataOutput>(run.Outputs[0]);
        Assert.Equal("3 of 3", shown.Data.Text);
        Assert.Equal(["1 of 3", "2 of 3", "3 of 3"], updates.Select(u => u.Data.Text));
        Assert.All(updates, u => Assert.Equal(shown.DisplayId, u.DisplayId));
    }

    [Fact]
    public async Task RunAsync_UpdateFromALaterCell_ReplacesTheEarlierCellsOutput()
    {
        var notebook = new Notebook([
            NotebookCell.Code("var rate = display(\"measuring…\");"),
            NotebookCell.Code("rate.Update(\"12,345 round trips/s\");"),
        ]);

        var run = await NotebookRunner.RunAsync(notebook, _temp["n.ipynb"]);

        Assert.True(run.Succeeded);
        var output = Assert.IsType<DisplayDataOutput>(Assert.Single(run.Executed.Cells[0].Outputs));
        Assert.Equal("12,345 round trips/s", output.Data.Text);
        Assert.NotNull(output.DisplayId);
        Assert.Empty(run.Executed.Cells[1].Outputs);
    }

    [Fact]
    public async Task RunAsync_DisplayId_IsKeptInTheSavedNotebook()
    {
        var notebook = new Notebook([NotebookCell.Code("display(1);")]);
        var run = await NotebookRunner.RunAsync(notebook, _temp["n.ipynb"]);
        var id = Assert.IsType<DisplayDataOutput>(Assert.Single(run.Executed.Cells[0].Outputs)).DisplayId;

        var read = IpynbFormat.Parse(IpynbFormat.Write(run.Executed));

        Assert.Equal(id, Assert.IsType<DisplayDataOutput>(Assert.Single(read.Cells[0].Outputs)).DisplayId);
    }

    [PeerFact(Peer.JupyterNbformat)]
    public async Task RunAsync_ExecutedNotebookWithTablesAndUpdates_PassesJupytersValidator()
    {
        var notebook = new Notebook([
            NotebookCell.Code("var h = display(new { Port = 80 });"),
            NotebookCell.Code("h.Update(new Dictionary<string, int> { [\"http\"] = 80 });\nnew List<(string, int)> { (\"a\", 1) }"),
            new NotebookCell(CellKind.Code, "mermaid", "graph LR\n  A-->B"),
        ]);
        var run = await NotebookRunner.RunAsync(notebook, _temp["n.ipynb"]);
        NotebookFile.Save(run.Executed, _temp["n.ipynb"]);

        Assert.Null(await Peers.NbformatValidateAsync(_temp["n.ipynb"]));
    }

    [Fact]
    public async Task Submit_NamedTupleAsLastValue_HeadsItsColumnsWithTheNames()
    {
        var run = await _kernel.SubmitAsync("var port = 80;\n(port, Name: \"http\")", 1);

        var data = Assert.IsType<ExecuteResultOutput>(Assert.Single(run.Outputs)).Data;
        Assert.Equal("(port: 80, Name: \"http\")", data.Text);
        Assert.StartsWith("<table><thead><tr><th>port</th><th>Name</th>", data["text/html"], StringComparison.Ordinal);
    }
}
