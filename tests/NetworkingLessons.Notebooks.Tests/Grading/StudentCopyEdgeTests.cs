using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

/// <summary>The student copy at its edges: structure errors with their cells, ids, metadata, outputs, links and titles.</summary>
public sealed class StudentCopyEdgeTests
{
    private const string Answer = "int F() =>\n// BEGIN SOLUTION\n    1;\n// END SOLUTION\n";

    private static Notebook Create(Notebook source, string from = "/c/notebooks/solutions/01-x.dib", string to = "/c/notebooks/01-x.ipynb") =>
        StudentCopy.Create(source, from, to, null, null, "index.md");

    [Fact]
    public void Create_AnExerciseWithNoAnswer_NamesItsFirstCell()
    {
        var source = new Notebook([NotebookCell.Markdown("# T"), NotebookCell.Markdown("### Exercise 1: Empty"), NotebookCell.Code("1"), NotebookCell.Code("Check.Exercise(1)")]);

        var ex = Assert.Throws<MarkerException>(() => Create(source));

        Assert.Equal("/c/notebooks/solutions/01-x.dib, cell 3, line 1: Exercise 1: Empty has no cell with a '// BEGIN SOLUTION' block.", ex.Message);
    }

    [Fact]
    public void Create_AnExerciseWithNoCellsAtAll_IsNamedAtCellOne()
    {
        var source = new Notebook([NotebookCell.Markdown("### Exercise 1: Nothing"), NotebookCell.Markdown("## Next")]);

        var ex = Assert.Throws<MarkerException>(() => Create(source));

        Assert.StartsWith("/c/notebooks/solutions/01-x.dib, cell 1, line 1: Exercise 1: Nothing has no cell", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AnExerciseNumberUsedTwice_NamesTheSecondOnesFirstCell()
    {
        var source = new Notebook(
        [
            NotebookCell.Markdown("### Exercise 1: A"), NotebookCell.Code(Answer), NotebookCell.Code("Check.Exercise(1)"),
            NotebookCell.Markdown("### Exercise 1: B"), NotebookCell.Code(Answer), NotebookCell.Code("Check.Exercise(1)"),
        ]);

        var ex = Assert.Throws<MarkerException>(() => Create(source));

        Assert.Equal("/c/notebooks/solutions/01-x.dib, cell 5, line 1: Exercise 1 appears twice.", ex.Message);
    }

    [Fact]
    public void Create_MalformedMarkers_AreNamedWithTheirCell()
    {
        var source = new Notebook([NotebookCell.Markdown("### Exercise 1: A"), NotebookCell.Code("// BEGIN SOLUTION\nx"), NotebookCell.Code("Check.Exercise(1)")]);

        var ex = Assert.Throws<MarkerException>(() => Create(source));

        Assert.StartsWith("/c/notebooks/solutions/01-x.dib, cell 2, ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_KeepsCellIds_ClearsOutputs_AndFillsMissingKernelMetadata()
    {
        var setup = NotebookCell.Code("var x = 1;");
        setup.Id = "setup-id";
        setup.ExecutionCount = 4;
        setup.Outputs.Add(new StreamOutput(StreamOutput.StandardOutput, "old"));
        var source = new Notebook([setup, NotebookCell.Markdown("### Exercise 1: A"), NotebookCell.Code(Answer), NotebookCell.Code("Check.Exercise(1)")]);
        source.Metadata.Remove("kernelspec");
        source.Metadata.Remove("language_info");
        source.Metadata["custom"] = "kept";

        var copy = Create(source);

        Assert.Equal(["nav-top", "setup-id", "cell-2", "cell-3", "cell-4", "nav-bottom"], copy.Cells.Select(c => c.Id));
        Assert.Equal(("nav-bottom", CellKind.Markdown), (copy.Cells[^1].Id, copy.Cells[^1].Kind));
        Assert.Empty(copy.Cells[1].Outputs);
        Assert.Null(copy.Cells[1].ExecutionCount);
        Assert.Single(setup.Outputs); // the source is untouched
        Assert.Equal(new Notebook().Metadata["kernelspec"]!.ToJsonString(), copy.Metadata["kernelspec"]!.ToJsonString());
        Assert.Equal(new Notebook().Metadata["language_info"]!.ToJsonString(), copy.Metadata["language_info"]!.ToJsonString());
        Assert.Equal("kept", (string?)copy.Metadata["custom"]);
        Assert.Contains("Exercise 1: A: not done yet.", copy.Cells[3].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_KeepsAKernelspecTheSourceHas()
    {
        var source = new Notebook([NotebookCell.Code("1")]);
        source.Metadata["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "networking-lessons-csharp" };

        Assert.Equal("networking-lessons-csharp", (string?)Create(source).Metadata["kernelspec"]!["name"]);
    }

    [Fact]
    public void Create_ReferencesThatAreAbsoluteOrURLs_AreLeftAlone_AndNothingMovesWhenTheFolderIsTheSame()
    {
        var source = new Notebook([NotebookCell.Code("#r \"/opt/lib/x.dll\"\n#r \"nuget: Foo, 1.0\"\n#load \"a.csx\"")]);

        Assert.Equal("#r \"/opt/lib/x.dll\"\n#r \"nuget: Foo, 1.0\"\n#load \"s/a.csx\"", Create(source, "/c/s/01.dib", "/c/01.ipynb").Cells[1].Source);
        Assert.Equal(source.Cells[0].Source, Create(source, "/c/s/01.dib", "/c/s/01.ipynb").Cells[1].Source);
    }

    [Fact]
    public void TitleOf_IsTheFirstH1_OrTheFileName()
    {
        Assert.Equal("Byte order", StudentCopy.TitleOf(new Notebook([NotebookCell.Code("# not markdown"), NotebookCell.Markdown("text\n#   Byte order  \n# Second")]), "04.dib"));
        Assert.Equal("04-byte-order", StudentCopy.TitleOf(new Notebook([NotebookCell.Markdown("## Only H2")]), "/x/04-byte-order.dib"));
    }

    [Fact]
    public void CellId_IsTheCellsOwn_OrItsPosition()
    {
        var source = new Notebook([NotebookCell.Code("a"), NotebookCell.Code("b")]);
        source.Cells[0].Id = "mine";

        Assert.Equal(("mine", "cell-2"), (StudentCopy.CellId(source, 0), StudentCopy.CellId(source, 1)));
    }

    [Theory]
    [InlineData("05-sockets.ipynb", "05")]
    [InlineData("5-x.ipynb", "5-x.ipynb")]
    [InlineData("a5-x.ipynb", "a5-x.ipynb")]
    [InlineData("05", "05")]
    [InlineData("123", "12")]
    public void LessonLink_NumberIsTheTwoLeadingDigits(string file, string number)
    {
        Assert.Equal(number, new LessonLink(file, "T").Number);
    }

    [Fact]
    public void Create_NoSource_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Create(null!));
    }
}
