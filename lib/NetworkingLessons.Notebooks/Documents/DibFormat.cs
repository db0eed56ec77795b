using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Notebooks.Documents;

/// <summary>
/// Reads and writes Polyglot Notebooks' plain-text .dib format: an optional <c>#!meta</c> cell holding
/// one line of JSON, then cells each started by a line naming its kernel (<c>#!csharp</c>,
/// <c>#!markdown</c>). A .dib has no outputs; writing one drops them.
/// </summary>
public static class DibFormat
{
    private const string MetaKernel = "meta";

    // Kernel names Polyglot Notebooks knows without being told; a file's #!meta can add more.
    private static readonly string[] BuiltInKernels =
    [
        "csharp", "c#", "fsharp", "f#", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md",
        "mermaid", "sql", "kql", "http", "value", MetaKernel,
    ];

    /// <summary>Parses .dib text.</summary>
    /// <exception cref="NotebookFormatException">The #!meta cell is not one JSON object.</exception>
    public static Notebook Parse(string text, string path = "<string>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var kernels = new HashSet<string>(BuiltInKernels, StringComparer.Ordinal);
        var notebook = new Notebook();
        var sections = new List<(string Kernel, int Line, List<string> Lines)>();
        (string Kernel, int Line, List<string> Lines)? current = null;
        // The #!meta cell names the file's kernels, so it is read as soon as it ends, before the
        // cells that use them: at the next line that starts with #! (no line of JSON can).
        void ReadMeta()
        {
            if (current is { Kernel: MetaKernel } meta)
            {
                notebook.Metadata["polyglot_notebook"] = ParseMeta(Trim(meta.Lines), path, meta.Line);
                kernels.UnionWith(KernelNames(notebook.Metadata["polyglot_notebook"]));
                current = null;
            }
        }
        for (var i = 0; i < lines.Length; i++)
        {
            if (KernelOf(lines[i]) is string kernel)
            {
                ReadMeta();
                if (kernels.Contains(kernel))
                {
                    current = (kernel, i + 1, []);
                    if (kernel != MetaKernel)
                    {
                        sections.Add(current.Value);
                    }
                    continue;
                }
            }
            if (current is null)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }
                current = (notebook.DefaultKernelName, i + 1, []);
                sections.Add(current.Value);
            }
            current.Value.Lines.Add(lines[i]);
        }
        ReadMeta();
        foreach (var (kernel, _, body) in sections)
        {
            var source = Trim(body);
            notebook.Cells.Add(kernel is "markdown" or "md"
                ? NotebookCell.Markdown(source)
                : new NotebookCell(CellKind.Code, kernel, source));
        }
        return notebook;
    }

    /// <summary>Writes <paramref name="notebook"/> as .dib text (cell sources only), ending in a newline.</summary>
    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var parts = new List<string>();
        if (notebook.Metadata["polyglot_notebook"] is JsonObject meta)
        {
            parts.Add("#!" + MetaKernel);
            parts.Add(meta.ToJsonString());
        }
        foreach (var cell in notebook.Cells)
        {
            parts.Add("#!" + (cell.Kind == CellKind.Markdown ? NotebookCell.MarkdownKernel : cell.KernelName));
            if (cell.Source.Length > 0)
            {
                parts.Add(cell.Source);
            }
        }
        return string.Join("\n\n", parts) + "\n";
    }

    private static string? KernelOf(string line)
    {
        if (!line.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }
        var name = line[2..].TrimEnd();
        return name.Length > 0 && !name.Contains(' ', StringComparison.Ordinal) ? name : null;
    }

    private static IEnumerable<string> KernelNames(JsonNode? meta)
    {
        if (meta?["kernelInfo"]?["items"] is not JsonArray items)
        {
            yield break;
        }
        foreach (var item in items)
        {
            if (item?["name"]?.GetValue<string>() is string name)
            {
                yield return name;
            }
            foreach (var alias in item?["aliases"] as JsonArray ?? [])
            {
                if (alias?.GetValue<string>() is string a)
                {
                    yield return a.TrimStart('#', '!');
                }
            }
        }
    }

    private static JsonObject ParseMeta(string source, string path, int line)
    {
        try
        {
            return JsonNode.Parse(source) as JsonObject
                ?? throw new NotebookFormatException(path, $"the #!meta cell at line {line} is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new NotebookFormatException(path, $"the #!meta cell at line {line} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string Trim(List<string> lines)
    {
        var start = 0;
        var end = lines.Count;
        while (start < end && lines[start].Length == 0)
        {
            start++;
        }
        while (end > start && lines[end - 1].Length == 0)
        {
            end--;
        }
        var text = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            text.Append(lines[i]);
            if (i < end - 1)
            {
                text.Append('\n');
            }
        }
        return text.ToString();
    }
}
