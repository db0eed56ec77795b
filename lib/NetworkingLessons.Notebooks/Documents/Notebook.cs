using System.Text.Json.Nodes;

namespace NetworkingLessons.Notebooks.Documents;

/// <summary>
/// A notebook as Polyglot Notebooks keeps it: ordered cells plus notebook metadata. Read and write
/// it with <see cref="NotebookFile"/>, which picks .ipynb or .dib by the file name.
/// </summary>
public sealed class Notebook
{
    /// <summary>Creates an empty notebook with the Polyglot Notebooks C# metadata.</summary>
    public Notebook()
    {
        Metadata = PolyglotMetadata.CreateNotebookMetadata();
    }

    /// <summary>Creates a notebook holding <paramref name="cells"/>.</summary>
    public Notebook(IEnumerable<NotebookCell> cells) : this()
    {
        ArgumentNullException.ThrowIfNull(cells);
        Cells.AddRange(cells);
    }

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>The notebook metadata (kernelspec, language_info, polyglot_notebook, and anything else read).</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>The nbformat minor version the notebook was read with; written notebooks are 4.5 or later.</summary>
    public int FormatMinor { get; set; } = 5;

    /// <summary>The kernel that runs code cells with no kernel of their own (<c>csharp</c> unless the metadata says otherwise).</summary>
    public string DefaultKernelName =>
        Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? NotebookCell.CSharp;

    /// <summary>A deep copy.</summary>
    public Notebook Clone()
    {
        var copy = new Notebook { Metadata = (JsonObject)Metadata.DeepClone(), FormatMinor = FormatMinor };
        copy.Cells.AddRange(Cells.Select(c => c.Clone()));
        return copy;
    }

    /// <summary>Removes every output and execution count, as in a notebook committed for students.</summary>
    public void ClearOutputs()
    {
        foreach (var cell in Cells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
    }
}
