using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Tests.Documents;

/// <summary>The .dib reader and writer at their edges: kernel lines and lines that only look like them, the meta cell's kernels, and blank lines.</summary>
public sealed class DibEdgeTests
{
    [Fact]
    public void Parse_OnlyKnownKernelNames_StartACell()
    {
        var notebook = DibFormat.Parse("#!csharp\n#!nonsense\nvar x = 1;\n#! csharp\n#!c# extra words\n#!\n\n#!fsharp\nlet y = 2\n#!md\n# Title");

        Assert.Equal(
            [
                (CellKind.Code, "csharp", "#!nonsense\nvar x = 1;\n#! csharp\n#!c# extra words\n#!"),
                (CellKind.Code, "fsharp", "let y = 2"),
                (CellKind.Markdown, NotebookCell.MarkdownKernel, "# Title"),
            ],
            notebook.Cells.Select(c => (c.Kind, c.KernelName, c.Source)));
    }

    [Fact]
    public void Parse_AKernelLineWithTrailingSpaces_StillStartsACell()
    {
        var notebook = DibFormat.Parse("#!csharp   \n1\n#!markdown\t\ntext");

        Assert.Equal(["1", "text"], notebook.Cells.Select(c => c.Source));
    }

    [Fact]
    public void Parse_TheMetaCellsKernels_AndTheirAliases_StartCells_AndItIsKeptAsMetadata()
    {
        const string text = """
            #!meta

            {"kernelInfo":{"defaultKernelName":"csharp","items":[{"name":"python","aliases":["#!py"]},{"aliases":[]},{"name":"csharp"}]}}

            #!python
            print(1)

            #!py
            print(2)
            """;

        var notebook = DibFormat.Parse(text);

        Assert.Equal([("python", "print(1)"), ("py", "print(2)")], notebook.Cells.Select(c => (c.KernelName, c.Source)));
        Assert.Equal("python", (string?)notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["items"]![0]!["name"]);
        Assert.StartsWith("#!meta\n\n{\"kernelInfo\":", DibFormat.Write(notebook), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlankLinesAroundACell_AreDropped_ButInsideItKept()
    {
        var notebook = DibFormat.Parse("\n\n#!csharp\n\n\nvar a = 1;\n\nvar b = 2;\n\n\n#!csharp\n\n");

        Assert.Equal(["var a = 1;\n\nvar b = 2;", ""], notebook.Cells.Select(c => c.Source));
    }

    [Fact]
    public void Write_AnEmptyCell_IsItsKernelLineAlone_AndAMarkdownCellIsMarkdown()
    {
        var notebook = new Notebook([NotebookCell.Code(""), NotebookCell.Markdown("# T"), new NotebookCell(CellKind.Code, "pwsh", "ls")]);
        notebook.Metadata.Remove("polyglot_notebook");

        Assert.Equal("#!csharp\n\n#!markdown\n\n# T\n\n#!pwsh\n\nls\n", DibFormat.Write(notebook));
        Assert.Throws<ArgumentNullException>(() => DibFormat.Write(null!));
        Assert.Throws<ArgumentNullException>(() => DibFormat.Parse(null!));
    }

    [Theory]
    [InlineData("#!meta\n[1, 2]", "the #!meta cell at line 1 is not a JSON object.")]
    [InlineData("#!csharp\n1\n\n#!meta\n{", "the #!meta cell at line 4 is not valid JSON: ")]
    public void Parse_AMetaCellThatIsNotAnObject_NamesItsLine(string text, string problem)
    {
        var ex = Assert.Throws<NotebookFormatException>(() => DibFormat.Parse(text, "l.dib"));

        Assert.StartsWith($"l.dib: {problem}", ex.Message, StringComparison.Ordinal);
    }
}
