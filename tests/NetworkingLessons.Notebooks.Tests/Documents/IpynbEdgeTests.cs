using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Tests.Documents;

/// <summary>The .ipynb reader and writer at their edges: every output kind, cells and keys other tools write, and malformed parts named.</summary>
public sealed class IpynbEdgeTests
{
    private static string Notebook(string cells, string extra = "") => $$"""{"cells": [{{cells}}], "metadata": {}, "nbformat": 4{{extra}}}""";

    private static CellOutput OnlyOutput(string output) =>
        Assert.Single(Assert.Single(IpynbFormat.Parse(Notebook($$"""{"cell_type": "code", "source": "", "outputs": [{{output}}]}""")).Cells).Outputs);

    [Fact]
    public void Parse_EachOutputKind_AsJupyterWritesIt()
    {
        Assert.Equal(new StreamOutput("stderr", "a\nb"), OnlyOutput("""{"output_type": "stream", "name": "stderr", "text": ["a\n", "b"]}"""));

        var display = Assert.IsType<DisplayDataOutput>(OnlyOutput("""{"output_type": "display_data", "data": {"text/plain": "x", "application/json": {"a": [1]}}, "metadata": {"display_id": "d1"}}"""));
        Assert.Equal("d1", display.DisplayId);
        Assert.Equal("x", display.Data.Text);
        Assert.Equal("""{"a":[1]}""", display.Data["application/json"]);
        Assert.Null(Assert.IsType<DisplayDataOutput>(OnlyOutput("""{"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}}""")).DisplayId);

        var result = Assert.IsType<ExecuteResultOutput>(OnlyOutput("""{"output_type": "execute_result", "data": {"text/plain": ["4", "2"]}, "execution_count": 7, "metadata": {}}"""));
        Assert.Equal(("42", 7), (result.Data.Text, result.ExecutionCount));
        Assert.Equal(0, Assert.IsType<ExecuteResultOutput>(OnlyOutput("""{"output_type": "execute_result", "data": {"text/plain": "1"}, "metadata": {}}""")).ExecutionCount);

        var error = Assert.IsType<ErrorOutput>(OnlyOutput("""{"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t1", "t2"]}"""));
        Assert.Equal(("E", "v", "t1|t2"), (error.Name, error.Value, string.Join('|', error.Traceback)));
        Assert.Empty(Assert.IsType<ErrorOutput>(OnlyOutput("""{"output_type": "error", "ename": "E", "evalue": "v"}""")).Traceback);

        var raw = Assert.IsType<RawOutput>(OnlyOutput("""{"output_type": "future_kind", "payload": 1}"""));
        Assert.Equal(1, (int)raw.Json["payload"]!);
    }

    [Fact]
    public void Parse_ABundleWithoutPlainText_GetsOneNamingWhatItHas()
    {
        var display = Assert.IsType<DisplayDataOutput>(OnlyOutput("""{"output_type": "display_data", "data": {"text/html": "<b>", "image/png": "iVBO"}, "metadata": {}}"""));

        Assert.Equal("<text/html, image/png>", display.Data.Text);
    }

    [Fact]
    public void Parse_RawCells_CountsAndKeysOfOtherTools_AreKept_AndWrittenBack()
    {
        var json = Notebook("""
            {"cell_type": "raw", "source": "raw text", "metadata": {"format": "text/x-rst"}, "id": "r1"},
            {"cell_type": "code", "source": "1", "outputs": [], "execution_count": 3, "attachments": {"a": 1}, "metadata": {"dotnet_interactive": {"language": "pwsh"}}},
            {"cell_type": "code", "source": "2", "outputs": [], "execution_count": null}
            """);

        var notebook = IpynbFormat.Parse(json);

        Assert.Equal((CellKind.Raw, "raw", "r1"), (notebook.Cells[0].Kind, notebook.Cells[0].KernelName, notebook.Cells[0].Id));
        Assert.Equal(("pwsh", 3), (notebook.Cells[1].KernelName, notebook.Cells[1].ExecutionCount));
        Assert.Null(notebook.Cells[2].ExecutionCount);
        Assert.Equal(NotebookCell.CSharp, notebook.Cells[2].KernelName);
        Assert.Equal(1, (int)notebook.Cells[1].Extra["attachments"]!["a"]!);
        Assert.Equal(0, notebook.FormatMinor); // no nbformat_minor: 0

        var written = JsonNode.Parse(IpynbFormat.Write(notebook))!;
        Assert.Equal(5, (int)written["nbformat_minor"]!);
        Assert.Equal("raw", (string?)written["cells"]![0]!["cell_type"]);
        Assert.Equal("text/x-rst", (string?)written["cells"]![0]!["metadata"]!["format"]);
        Assert.Null(written["cells"]![0]!["outputs"]);
        Assert.Equal(1, (int)written["cells"]![1]!["attachments"]!["a"]!);
        Assert.Equal("pwsh", (string?)written["cells"]![1]!["metadata"]!["polyglot_notebook"]!["kernelName"]);
        Assert.Equal("cell-3", (string?)written["cells"]![2]!["id"]); // 4.5 needs ids: the position gives one
    }

    [Fact]
    public void Write_OutputsAsJupyterStoresThem()
    {
        var code = NotebookCell.Code("x");
        code.Outputs.Add(new DisplayDataOutput(new MimeBundle([new("text/plain", "t"), new("application/json", """{"k":2}""")])) { DisplayId = "d9" });
        code.Outputs.Add(new DisplayDataOutput(MimeBundle.FromText("plain")));
        code.Outputs.Add(new RawOutput(new JsonObject { ["output_type"] = "future_kind", ["z"] = 1 }));

        var outputs = JsonNode.Parse(IpynbFormat.Write(new Notebook([code])))!["cells"]![0]!["outputs"]!.AsArray();

        Assert.Equal(2, (int)outputs[0]!["data"]!["application/json"]!["k"]!); // JSON stays JSON, not a string
        Assert.Equal("d9", (string?)outputs[0]!["metadata"]!["display_id"]);
        Assert.Empty(outputs[1]!["metadata"]!.AsObject());
        Assert.Equal(("future_kind", 1), ((string?)outputs[2]!["output_type"], (int)outputs[2]!["z"]!));
    }

    [Fact]
    public void Write_AnEventIsNotAnOutputToStore()
    {
        var code = NotebookCell.Code("x");
        code.Outputs.Add(new ClearOutputEvent(false));

        var ex = Assert.Throws<ArgumentException>(() => IpynbFormat.Write(new Notebook([code])));
        Assert.StartsWith("A ClearOutputEvent is an event, not an output a notebook stores.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => IpynbFormat.Write(null!));
        Assert.Throws<ArgumentNullException>(() => IpynbFormat.Parse(null!));
    }

    [Theory]
    [InlineData("1", "cell 1 is not a JSON object.")]
    [InlineData("""{"source": ""}""", "cell 1: 'cell_type' is missing or not a string.")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": [1]}""", "an output of cell 1 is not a JSON object.")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": [{}]}""", "cell 1: 'output_type' is missing or not a string.")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data"}]}""", "an output of cell 1 has no 'data' object.")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": 1, "text": ""}]}""", "cell 1: 'name' is missing or not a string.")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": "stdout"}]}""", "an output of cell 1 'text' is missing or is not a string or a list of strings.")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data", "data": {"text/plain": [2]}}]}""", "an output of cell 1 'text/plain' has a line that is not a string.")]
    [InlineData("""{"cell_type": "markdown", "source": 5}""", "cell 1 'source' is missing or is not a string or a list of strings.")]
    public void Parse_AMalformedCellOrOutput_SaysWhichAndWhat(string cell, string problem)
    {
        var ex = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse(Notebook(cell), "l.ipynb"));

        Assert.Equal($"l.ipynb: {problem}", ex.Message);
    }

    [Fact]
    public void Parse_InvalidJson_SaysWhereOnWhichLine()
    {
        var ex = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse("{\n  \"cells\": [,]\n}", "l.ipynb"));

        Assert.Equal("l.ipynb: not valid JSON at line 2, position 13.", ex.Message);
        Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse("""{"cells": [], "metadata": {}, "nbformat": 4,}"""));
        Assert.Contains("nbformat 5 is not supported; open and save the notebook in Jupyter", Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse("""{"cells": [], "metadata": {}, "nbformat": 5}""")).Message, StringComparison.Ordinal);
        Assert.Contains("no 'nbformat' version number.", Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse("""{"cells": [], "metadata": {}, "nbformat": "4"}""")).Message, StringComparison.Ordinal);
    }
}
