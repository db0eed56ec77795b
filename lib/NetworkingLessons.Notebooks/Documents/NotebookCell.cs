using System.Text.Json.Nodes;

namespace NetworkingLessons.Notebooks.Documents;

/// <summary>One cell of a notebook: its kind, the kernel that runs it, its source and its outputs.</summary>
public sealed class NotebookCell
{
    /// <summary>The kernel name of C# cells.</summary>
    public const string CSharp = "csharp";
    /// <summary>The kernel name Polyglot Notebooks gives markdown cells.</summary>
    public const string MarkdownKernel = "markdown";

    /// <summary>Creates a cell.</summary>
    /// <exception cref="ArgumentException"><paramref name="kernelName"/> is empty.</exception>
    public NotebookCell(CellKind kind, string kernelName, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernelName);
        ArgumentNullException.ThrowIfNull(source);
        Kind = kind;
        KernelName = kernelName;
        Source = source;
    }

    /// <summary>A C# code cell.</summary>
    public static NotebookCell Code(string source) => new(CellKind.Code, CSharp, source);

    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new(CellKind.Markdown, MarkdownKernel, source);

    /// <summary>Code, markdown or raw.</summary>
    public CellKind Kind { get; }

    /// <summary>The kernel that runs the cell (<c>csharp</c>, <c>fsharp</c>, …; <c>markdown</c> for prose).</summary>
    public string KernelName { get; set; }

    /// <summary>The cell's text, with <c>\n</c> line ends.</summary>
    public string Source { get; set; }

    /// <summary>The nbformat cell id, if the file had one.</summary>
    public string? Id { get; set; }

    /// <summary>The execution count of the last run, for code cells that ran.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs of the last run (code cells only).</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>The cell's metadata other than the Polyglot kernel name, kept so that writing changes nothing.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>Cell properties this model does not interpret (attachments), kept as read.</summary>
    public JsonObject Extra { get; set; } = [];

    /// <summary>A copy with the same content and no shared mutable state.</summary>
    public NotebookCell Clone()
    {
        var copy = new NotebookCell(Kind, KernelName, Source)
        {
            Id = Id,
            ExecutionCount = ExecutionCount,
            Metadata = (JsonObject)Metadata.DeepClone(),
            Extra = (JsonObject)Extra.DeepClone(),
        };
        copy.Outputs.AddRange(Outputs);
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} cell ({KernelName}), {Source.Length} chars";
}
