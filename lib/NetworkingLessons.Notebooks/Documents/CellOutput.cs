using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Display;

namespace NetworkingLessons.Notebooks.Documents;

/// <summary>
/// One output of a code cell, shaped like nbformat's four output types. The engine streams these
/// while a cell runs, and the document model stores them in executed notebooks.
/// </summary>
public abstract record CellOutput;

/// <summary>Text a cell wrote to standard output or standard error (nbformat <c>stream</c>).</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, newlines included.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <summary>The stream name of standard output.</summary>
    public const string StandardOutput = "stdout";
    /// <summary>The stream name of standard error.</summary>
    public const string StandardError = "stderr";
}

/// <summary>A value the cell displayed explicitly (nbformat <c>display_data</c>).</summary>
public sealed record DisplayDataOutput(MimeBundle Data) : CellOutput
{
    /// <summary>
    /// The id an update replaces this output by (Jupyter's <c>transient.display_id</c>); kept in the
    /// output's metadata in a saved notebook.
    /// </summary>
    public string? DisplayId { get; init; }
}

/// <summary>
/// New content for a display shown earlier (Jupyter's <c>update_display_data</c>): an event while
/// a notebook runs, never stored; the output it names is replaced in place.
/// </summary>
public sealed record UpdateDisplayDataOutput(string DisplayId, MimeBundle Data) : CellOutput;

/// <summary>
/// The cell asked for its outputs so far to be cleared (Jupyter's <c>clear_output</c>): an event
/// while a notebook runs, never stored; the outputs before it are gone from the cell.
/// </summary>
/// <param name="Wait">Clear only when the next output arrives, so that a display redrawn in a loop does not flicker.</param>
public sealed record ClearOutputEvent(bool Wait) : CellOutput;

/// <summary>The value of the expression a cell ended with (nbformat <c>execute_result</c>).</summary>
public sealed record ExecuteResultOutput(MimeBundle Data, int ExecutionCount) : CellOutput;

/// <summary>A compile error or an exception (nbformat <c>error</c>).</summary>
/// <param name="Name">The error's kind: an exception type name, or <c>CompilationError</c>.</param>
/// <param name="Value">A one-line message naming the cell and line.</param>
/// <param name="Traceback">Further lines: diagnostics or stack frames.</param>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <inheritdoc />
    public bool Equals(ErrorOutput? other) =>
        other is not null && Name == other.Name && Value == other.Value && Traceback.SequenceEqual(other.Traceback);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Value);
}

/// <summary>An output type this engine does not produce, kept as read so that writing changes nothing.</summary>
public sealed record RawOutput(JsonObject Json) : CellOutput
{
    /// <inheritdoc />
    public bool Equals(RawOutput? other) => other is not null && JsonNode.DeepEquals(Json, other.Json);

    /// <inheritdoc />
    public override int GetHashCode() => Json.Count;
}
