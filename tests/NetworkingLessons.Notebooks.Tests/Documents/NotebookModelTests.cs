using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Documents;

/// <summary>The notebook model and its files: metadata, copies, equality of outputs, extensions and unreadable files.</summary>
public sealed class NotebookModelTests : IDisposable
{
    private readonly TempFolder _temp = new("notebook-model");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void NewNotebook_HasPolyglotsCSharpMetadata_SoVSCodeOpensItWithTheCSharpKernel()
    {
        Assert.Equal(
            """{"kernelspec":{"display_name":".NET (C#)","language":"C#","name":".net-csharp"},"language_info":{"name":"polyglot-notebook"},"polyglot_notebook":{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}}""",
            new Notebook().Metadata.ToJsonString());
        Assert.Equal("csharp", new Notebook().DefaultKernelName);
    }

    [Fact]
    public void DefaultKernelName_IsTheMetadatas_OrCSharpWithoutIt()
    {
        var notebook = new Notebook();
        notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"] = "fsharp";
        Assert.Equal("fsharp", notebook.DefaultKernelName);

        notebook.Metadata.Remove("polyglot_notebook");
        Assert.Equal(NotebookCell.CSharp, notebook.DefaultKernelName);
    }

    [Fact]
    public void Clone_SharesNothingMutable_AndClearOutputs_ClearsCountsToo()
    {
        var cell = NotebookCell.Code("x");
        cell.Id = "c1";
        cell.ExecutionCount = 2;
        cell.Outputs.Add(new StreamOutput(StreamOutput.StandardOutput, "out"));
        cell.Metadata["tags"] = new JsonArray("a");
        cell.Extra["attachments"] = new JsonObject();
        var notebook = new Notebook([cell]) { FormatMinor = 4 };
        notebook.Metadata["custom"] = 1;

        var copy = notebook.Clone();

        Assert.Equal((4, 1), (copy.FormatMinor, (int)copy.Metadata["custom"]!));
        var copied = Assert.Single(copy.Cells);
        Assert.Equal(("c1", 2, "x", "out"), (copied.Id, copied.ExecutionCount, copied.Source, ((StreamOutput)copied.Outputs.Single()).Text));
        Assert.Equal("a", (string?)copied.Metadata["tags"]![0]);
        Assert.NotNull(copied.Extra["attachments"]);
        copy.Metadata["custom"] = 2;
        copied.Metadata["tags"] = null;
        copied.Source = "y";
        copy.ClearOutputs();
        Assert.Equal((1, "x", 2), ((int)notebook.Metadata["custom"]!, cell.Source, cell.ExecutionCount));
        Assert.Single(cell.Outputs);
        Assert.NotNull(cell.Metadata["tags"]);
        Assert.Empty(copied.Outputs);
        Assert.Null(copied.ExecutionCount);
    }

    [Fact]
    public void Cell_NeedsAKernelAndASource_AndDescribesItself()
    {
        Assert.Throws<ArgumentException>(() => new NotebookCell(CellKind.Code, " ", "x"));
        Assert.Throws<ArgumentNullException>(() => new NotebookCell(CellKind.Code, "csharp", null!));
        Assert.Throws<ArgumentNullException>(() => new Notebook(null!));
        Assert.Equal("Code cell (csharp), 3 chars", NotebookCell.Code("abc").ToString());
    }

    [Fact]
    public void ErrorAndRawOutputs_AreEqualOnlyWhenEveryPartIs()
    {
        var error = new ErrorOutput("E", "v", ["a", "b"]);

        Assert.Equal(error, new ErrorOutput("E", "v", ["a", "b"]));
        Assert.NotEqual(error, new ErrorOutput("F", "v", ["a", "b"]));
        Assert.NotEqual(error, new ErrorOutput("E", "w", ["a", "b"]));
        Assert.NotEqual(error, new ErrorOutput("E", "v", ["a"]));
        Assert.False(error.Equals(null));
        var raw = new RawOutput(new JsonObject { ["x"] = 1 });
        Assert.Equal(raw, new RawOutput(new JsonObject { ["x"] = 1 }));
        Assert.NotEqual(raw, new RawOutput(new JsonObject { ["x"] = 2 }));
        Assert.False(raw.Equals(null));
    }

    [Theory]
    [InlineData("a.ipynb", true)]
    [InlineData("A.IPYNB", true)]
    [InlineData("b.dib", true)]
    [InlineData("c.ipynb.txt", false)]
    [InlineData("d", false)]
    public void IsNotebook_ByExtension_InAnyCase(string path, bool notebook)
    {
        Assert.Equal(notebook, NotebookFile.IsNotebook(path));
    }

    [Fact]
    public void SaveAndLoad_MakeTheFolder_AndChooseTheFormatByExtension()
    {
        var notebook = new Notebook([NotebookCell.Markdown("# T"), NotebookCell.Code("1")]);
        var ipynb = Path.Combine(_temp.Path, "new", "deeper", "n.ipynb");
        var dib = Path.Combine(_temp.Path, "n.DIB");

        NotebookFile.Save(notebook, ipynb);
        NotebookFile.Save(notebook, dib);

        Assert.StartsWith("{", File.ReadAllText(ipynb), StringComparison.Ordinal);
        Assert.StartsWith("#!meta", File.ReadAllText(dib), StringComparison.Ordinal);
        Assert.Equal(["# T", "1"], NotebookFile.Load(ipynb).Cells.Select(c => c.Source));
        Assert.Equal(["# T", "1"], NotebookFile.Load(dib).Cells.Select(c => c.Source));
    }

    [Fact]
    public void Load_AMissingFileOrAnotherExtension_SaysWhat()
    {
        var missing = Path.Combine(_temp.Path, "gone.ipynb");
        var text = Path.Combine(_temp.Path, "notes.txt");
        File.WriteAllText(text, "hello");

        var gone = Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(missing));
        Assert.StartsWith($"{missing}: cannot be read: ", gone.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(gone.InnerException);
        Assert.Equal($"{text}: '.txt' is not a notebook extension (expected .ipynb or .dib).", Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(text)).Message);
        Assert.Throws<ArgumentException>(() => NotebookFile.Load(""));
        var format = Assert.Throws<ArgumentException>(() => NotebookFile.Format(new Notebook(), "x.md"));
        Assert.StartsWith("'.md' is not a notebook extension (expected .ipynb or .dib).", format.Message, StringComparison.Ordinal);
        Assert.Equal("path", format.ParamName);
        Assert.Throws<ArgumentNullException>(() => NotebookFile.Save(null!, "x.ipynb"));
        Assert.False(File.Exists(Path.Combine(_temp.Path, "x.md")));
    }
}
