using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Tests.Documents;

public sealed class DibFormatTests
{
    private const string Sample = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

        #!markdown

        # Host names

        Some prose.

        #!csharp

        var name = System.Net.Dns.GetHostName();


        name

        #!fsharp

        let x = 1

        """;

    [Fact]
    public void Parse_SplitsCellsByKernelLines()
    {
        var notebook = DibFormat.Parse(Sample);

        Assert.Equal(
            [(CellKind.Markdown, "markdown", "# Host names\n\nSome prose."),
             (CellKind.Code, "csharp", "var name = System.Net.Dns.GetHostName();\n\n\nname"),
             (CellKind.Code, "fsharp", "let x = 1")],
            notebook.Cells.Select(c => (c.Kind, c.KernelName, c.Source)));
        Assert.Equal("csharp", notebook.DefaultKernelName);
    }

    [Fact]
    public void Write_WhatWasRead_IsByteForByteTheSame()
    {
        Assert.Equal(Sample, DibFormat.Write(DibFormat.Parse(Sample)));
    }

    [Fact]
    public void Parse_MagicCommandInsideCell_StaysInTheCell()
    {
        var notebook = DibFormat.Parse("#!csharp\n\n#!time\nvar x = 1;\n");

        Assert.Equal("#!time\nvar x = 1;", Assert.Single(notebook.Cells).Source);
    }

    [Fact]
    public void Parse_CrLfLineEnds_AreNormalised()
    {
        var notebook = DibFormat.Parse("#!csharp\r\n\r\nvar a = 1;\r\nvar b = 2;\r\n");

        Assert.Equal("var a = 1;\nvar b = 2;", Assert.Single(notebook.Cells).Source);
    }

    [Fact]
    public void Parse_TextBeforeFirstKernelLine_IsACellOfTheDefaultKernel()
    {
        var notebook = DibFormat.Parse("var a = 1;\n\n#!markdown\n\nText\n");

        Assert.Equal([("csharp", "var a = 1;"), ("markdown", "Text")], notebook.Cells.Select(c => (c.KernelName, c.Source)));
    }

    [Fact]
    public void Parse_BadMeta_ThrowsNamingFileAndLine()
    {
        var ex = Assert.Throws<NotebookFormatException>(() => DibFormat.Parse("#!meta\n\n{not json\n\n#!csharp\n\n1\n", "x.dib"));

        Assert.StartsWith("x.dib: the #!meta cell at line 1 is not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IpynbToDibAndBack_KeepsCells()
    {
        var notebook = DibFormat.Parse(Sample);

        var again = DibFormat.Parse(DibFormat.Write(IpynbFormat.Parse(IpynbFormat.Write(notebook))));

        Assert.Equal(notebook.Cells.Select(c => (c.Kind, c.KernelName, c.Source)), again.Cells.Select(c => (c.Kind, c.KernelName, c.Source)));
    }
}
