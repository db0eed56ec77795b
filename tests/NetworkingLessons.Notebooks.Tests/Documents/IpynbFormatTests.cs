using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Documents;

public sealed class IpynbFormatTests : IDisposable
{
    private readonly TempFolder _temp = new("ipynb-tests");

    public void Dispose() => _temp.Dispose();

    private static Notebook Sample()
    {
        var code = NotebookCell.Code("var x = 1;\nConsole.WriteLine(x);");
        code.ExecutionCount = 1;
        code.Outputs.Add(new StreamOutput("stdout", "1\n"));
        code.Outputs.Add(new DisplayDataOutput(MimeBundle.Of("<chart>", "image/svg+xml", "<svg>\n</svg>")));
        code.Outputs.Add(new ExecuteResultOutput(MimeBundle.FromText("42"), 1));
        code.Outputs.Add(new ErrorOutput("System.Exception", "Cell 2, line 1: boom", ["   at cell 2, line 1"]));
        return new Notebook([NotebookCell.Markdown("# Title\n\nRound trip in µs — naïve “quotes”."), code, NotebookCell.Code("")]);
    }

    [Fact]
    public void Write_ThenParse_KeepsEveryCellAndOutput()
    {
        var original = Sample();

        var read = IpynbFormat.Parse(IpynbFormat.Write(original));

        Assert.Equal(3, read.Cells.Count);
        Assert.Equal(original.Cells.Select(c => (c.Kind, c.KernelName, c.Source)), read.Cells.Select(c => (c.Kind, c.KernelName, c.Source)));
        Assert.Equal(original.Cells[1].Outputs, read.Cells[1].Outputs);
        Assert.Equal(1, read.Cells[1].ExecutionCount);
        Assert.Equal("csharp", read.DefaultKernelName);
    }

    [Fact]
    public void Write_WhatWasRead_IsByteForByteTheSame()
    {
        var text = IpynbFormat.Write(Sample());

        Assert.Equal(text, IpynbFormat.Write(IpynbFormat.Parse(text)));
    }

    [Fact]
    public void Write_HasPolyglotMetadata()
    {
        var text = IpynbFormat.Write(Sample());

        Assert.Contains("\"name\": \".net-csharp\"", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"polyglot-notebook\"", text, StringComparison.Ordinal);
        Assert.Contains("\"defaultKernelName\": \"csharp\"", text, StringComparison.Ordinal);
        Assert.Contains("\"kernelName\": \"csharp\"", text, StringComparison.Ordinal);
    }

    [PeerFact(Peer.JupyterNbformat)]
    public async Task Write_IsAcceptedByJupytersValidator()
    {
        var path = Path.Combine(_temp.Path, "sample.ipynb");
        NotebookFile.Save(Sample(), path);

        Assert.Null(await Peers.NbformatValidateAsync(path));
    }

    [PeerFact(Peer.JupyterNbformat)]
    public async Task Parse_NotebookWrittenByJupyter_WritesBackUnchanged()
    {
        var path = Path.Combine(_temp.Path, "jupyter.ipynb");
        var script = """
            import sys, nbformat
            from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell, new_output
            meta = {"polyglot_notebook": {"kernelName": "csharp"}}
            nb = new_notebook(metadata={"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
                                        "language_info": {"name": "polyglot-notebook"}, "custom": {"z": 1, "a": [1, 2]}})
            nb.cells = [new_markdown_cell("# Héllo\nµs and tabs\t", id="intro"),
                        new_code_cell("Console.WriteLine(1);\n1 + 1", id="code-1", metadata=meta, execution_count=3,
                            outputs=[new_output("stream", name="stdout", text="1\n"),
                                     new_output("execute_result", data={"text/plain": "2", "application/json": {"n": 2}}, execution_count=3),
                                     new_output("error", ename="E", evalue="v", traceback=["a", "b"])])]
            nbformat.write(nb, sys.argv[1])
            """;
        var (code, _, stderr) = await Peers.RunAsync(Peers.PythonWithNbformat(), ["-c", script, path]);
        Assert.True(code == 0, stderr);
        var jupyterText = File.ReadAllText(path);

        var notebook = NotebookFile.Load(path);

        Assert.Equal(jupyterText, IpynbFormat.Write(notebook));
        Assert.Equal("intro", notebook.Cells[0].Id);
        Assert.Equal("{\"n\":2}", Assert.IsType<ExecuteResultOutput>(notebook.Cells[1].Outputs[1]).Data["application/json"]);
    }

    [Fact]
    public void Parse_SourceAsOneString_IsAccepted()
    {
        var notebook = IpynbFormat.Parse("""
            {"cells": [{"cell_type": "code", "metadata": {}, "source": "1 + 1", "outputs": [], "execution_count": null}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
            """);

        var cell = Assert.Single(notebook.Cells);
        Assert.Equal("1 + 1", cell.Source);
        Assert.Equal("csharp", cell.KernelName);
    }

    [Fact]
    public void Parse_DotnetInteractiveLanguage_SetsKernel()
    {
        var notebook = IpynbFormat.Parse("""
            {"cells": [{"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "fsharp"}}, "source": [], "outputs": []}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
            """);

        Assert.Equal("fsharp", notebook.Cells[0].KernelName);
    }

    [Theory]
    [InlineData("{\"cells\": [", "not valid JSON at line 1")]
    [InlineData("[]", "the top level is not a JSON object")]
    [InlineData("{\"metadata\": {}, \"nbformat\": 4}", "no 'cells' array")]
    [InlineData("{\"cells\": [], \"nbformat\": 4}", "no 'metadata' object")]
    [InlineData("{\"cells\": [], \"metadata\": {}}", "no 'nbformat' version")]
    [InlineData("{\"cells\": [], \"metadata\": {}, \"nbformat\": 3}", "nbformat 3 is not supported")]
    [InlineData("{\"cells\": [{\"cell_type\": \"picture\", \"source\": \"\"}], \"metadata\": {}, \"nbformat\": 4}", "cell 1 has unknown cell_type 'picture'")]
    [InlineData("{\"cells\": [{\"cell_type\": \"markdown\"}], \"metadata\": {}, \"nbformat\": 4}", "cell 1 'source' is missing")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"\"}], \"metadata\": {}, \"nbformat\": 4}", "code cell 1 has no 'outputs' array")]
    [InlineData("{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [1]}], \"metadata\": {}, \"nbformat\": 4}", "has a line that is not a string")]
    public void Parse_Malformed_ThrowsNamingFileAndProblem(string json, string problem)
    {
        var ex = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse(json, "lesson.ipynb"));

        Assert.Equal("lesson.ipynb", ex.Path);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("lesson.ipynb: ", ex.Message, StringComparison.Ordinal);
    }
}
