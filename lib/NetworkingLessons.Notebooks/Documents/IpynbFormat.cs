using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Display;

namespace NetworkingLessons.Notebooks.Documents;

/// <summary>
/// Reads and writes Jupyter .ipynb files (nbformat 4, written as 4.5) with Polyglot Notebooks metadata.
/// Writing follows Jupyter's own layout (sorted keys, one-space indent, text split into lines) so
/// that a file written by Jupyter or by this class and read back is written out byte for byte the same.
/// </summary>
public static class IpynbFormat
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses notebook JSON.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="path">The file name to put in error messages.</param>
    /// <exception cref="NotebookFormatException">The text is not an nbformat 4 notebook; the message says where and why.</exception>
    public static Notebook Parse(string json, string path = "<string>")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is long line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            throw new NotebookFormatException(path, $"not valid JSON{where}.", ex);
        }
        var reader = new Reader(path);
        return reader.ReadNotebook(root);
    }

    /// <summary>Serializes <paramref name="notebook"/> as nbformat 4.5 JSON, ending in a newline.</summary>
    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var cells = new JsonArray();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            cells.Add(WriteCell(notebook.Cells[i], i));
        }
        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = Math.Max(5, notebook.FormatMinor),
        };
        return Sorted(root)!.ToJsonString(WriteOptions) + "\n";
    }

    private static JsonObject WriteCell(NotebookCell cell, int index)
    {
        var json = (JsonObject)cell.Extra.DeepClone();
        json["cell_type"] = cell.Kind switch
        {
            CellKind.Code => "code",
            CellKind.Markdown => "markdown",
            _ => "raw",
        };
        // nbformat 4.5 requires ids; the position makes a stable one for cells that had none.
        json["id"] = cell.Id ?? $"cell-{index + 1}";
        var metadata = (JsonObject)cell.Metadata.DeepClone();
        if (cell.Kind == CellKind.Code)
        {
            var polyglot = metadata["polyglot_notebook"] as JsonObject ?? [];
            polyglot["kernelName"] = cell.KernelName;
            metadata["polyglot_notebook"] = polyglot;
            json["execution_count"] = cell.ExecutionCount;
            json["outputs"] = new JsonArray([.. cell.Outputs.Select(WriteOutput)]);
        }
        json["metadata"] = metadata;
        json["source"] = Lines(cell.Source);
        return json;
    }

    private static JsonNode WriteOutput(CellOutput output) => output switch
    {
        StreamOutput s => new JsonObject { ["output_type"] = "stream", ["name"] = s.Name, ["text"] = Lines(s.Text) },
        DisplayDataOutput d => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = WriteBundle(d.Data),
            ["metadata"] = d.DisplayId is null ? new JsonObject() : new JsonObject { [DisplayIdKey] = d.DisplayId },
        },
        ExecuteResultOutput r => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["data"] = WriteBundle(r.Data),
            ["execution_count"] = r.ExecutionCount,
            ["metadata"] = new JsonObject(),
        },
        ErrorOutput e => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = e.Name,
            ["evalue"] = e.Value,
            ["traceback"] = new JsonArray([.. e.Traceback.Select(t => (JsonNode?)JsonValue.Create(t))]),
        },
        RawOutput raw => raw.Json.DeepClone(),
        UpdateDisplayDataOutput or ClearOutputEvent => throw new ArgumentException($"A {output.GetType().Name} is an event, not an output a notebook stores.", nameof(output)),
        _ => throw new ArgumentOutOfRangeException(nameof(output), output.GetType().Name, "Unknown output type."),
    };

    /// <summary>Where a display's id is kept in a saved output's metadata (nbformat has no place of its own for it).</summary>
    internal const string DisplayIdKey = "display_id";

    private static JsonObject WriteBundle(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in bundle)
        {
            data[mime] = IsJsonMime(mime) ? JsonNode.Parse(content) : Lines(content);
        }
        return data;
    }

    internal static bool IsJsonMime(string mime) => MimeBundle.IsJsonType(mime);

    // nbformat's multiline strings: a list of lines, each keeping its newline.
    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray arr => new JsonArray([.. arr.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };

    private sealed class Reader(string path)
    {
        public Notebook ReadNotebook(JsonNode? root)
        {
            if (root is not JsonObject obj)
            {
                throw Fail("the top level is not a JSON object.");
            }
            var major = obj["nbformat"] is JsonValue v && v.TryGetValue(out int m) ? m : throw Fail("no 'nbformat' version number.");
            if (major != 4)
            {
                throw Fail($"nbformat {major} is not supported; open and save the notebook in Jupyter to convert it to nbformat 4.");
            }
            var minor = obj["nbformat_minor"] is JsonValue mv && mv.TryGetValue(out int mi) ? mi : 0;
            var cells = obj["cells"] as JsonArray ?? throw Fail("no 'cells' array.");
            var metadata = obj["metadata"] as JsonObject ?? throw Fail("no 'metadata' object.");
            var notebook = new Notebook { Metadata = (JsonObject)metadata.DeepClone(), FormatMinor = minor };
            for (var i = 0; i < cells.Count; i++)
            {
                notebook.Cells.Add(ReadCell(cells[i], i + 1, notebook.DefaultKernelName));
            }
            return notebook;
        }

        private NotebookCell ReadCell(JsonNode? node, int number, string defaultKernel)
        {
            if (node is not JsonObject json)
            {
                throw Fail($"cell {number} is not a JSON object.");
            }
            var type = String(json, "cell_type", number);
            var kind = type switch
            {
                "code" => CellKind.Code,
                "markdown" => CellKind.Markdown,
                "raw" => CellKind.Raw,
                _ => throw Fail($"cell {number} has unknown cell_type '{type}' (expected code, markdown or raw)."),
            };
            var metadata = json["metadata"] as JsonObject ?? [];
            var kernel = kind switch
            {
                CellKind.Code => metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                    ?? metadata["dotnet_interactive"]?["language"]?.GetValue<string>()
                    ?? defaultKernel,
                CellKind.Markdown => NotebookCell.MarkdownKernel,
                _ => "raw",
            };
            var cell = new NotebookCell(kind, kernel, MultilineString(json["source"], $"cell {number} 'source'"))
            {
                Id = json["id"]?.GetValue<string>(),
                Metadata = (JsonObject)metadata.DeepClone(),
            };
            if (kind == CellKind.Code)
            {
                cell.ExecutionCount = json["execution_count"] is JsonValue c && c.TryGetValue(out int count) ? count : null;
                var outputs = json["outputs"] as JsonArray ?? throw Fail($"code cell {number} has no 'outputs' array.");
                cell.Outputs.AddRange(outputs.Select(o => ReadOutput(o, number)));
            }
            string[] known = ["cell_type", "id", "metadata", "source", "outputs", "execution_count"];
            foreach (var (key, value) in json)
            {
                if (!known.Contains(key))
                {
                    cell.Extra[key] = value?.DeepClone();
                }
            }
            return cell;
        }

        private CellOutput ReadOutput(JsonNode? node, int cell)
        {
            if (node is not JsonObject json)
            {
                throw Fail($"an output of cell {cell} is not a JSON object.");
            }
            var where = $"an output of cell {cell}";
            return String(json, "output_type", cell) switch
            {
                "stream" => new StreamOutput(String(json, "name", cell), MultilineString(json["text"], where + " 'text'")),
                "display_data" => new DisplayDataOutput(Bundle(json["data"], where))
                {
                    DisplayId = json["metadata"]?[DisplayIdKey] is JsonValue id && id.TryGetValue(out string? displayId) ? displayId : null,
                },
                "execute_result" => new ExecuteResultOutput(Bundle(json["data"], where),
                    json["execution_count"] is JsonValue c && c.TryGetValue(out int n) ? n : 0),
                "error" => new ErrorOutput(String(json, "ename", cell), String(json, "evalue", cell),
                    (json["traceback"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").ToList()),
                _ => new RawOutput((JsonObject)json.DeepClone()),
            };
        }

        private MimeBundle Bundle(JsonNode? node, string where)
        {
            if (node is not JsonObject data)
            {
                throw Fail($"{where} has no 'data' object.");
            }
            var pairs = data.Select(kv => KeyValuePair.Create(kv.Key,
                IsJsonMime(kv.Key) ? kv.Value?.ToJsonString() ?? "null" : MultilineString(kv.Value, $"{where} '{kv.Key}'"))).ToList();
            if (!pairs.Any(p => p.Key == MimeBundle.PlainText))
            {
                // Other front ends may omit text/plain; a terminal still needs something to print.
                pairs.Add(KeyValuePair.Create(MimeBundle.PlainText, $"<{string.Join(", ", data.Select(kv => kv.Key))}>"));
            }
            return new MimeBundle(pairs);
        }

        private string String(JsonObject json, string key, int cell) =>
            json[key] is JsonValue v && v.TryGetValue(out string? s)
                ? s
                : throw Fail($"cell {cell}: '{key}' is missing or not a string.");

        private string MultilineString(JsonNode? node, string what)
        {
            switch (node)
            {
                case JsonValue v when v.TryGetValue(out string? s):
                    return s;
                case JsonArray lines:
                    var text = new StringBuilder();
                    foreach (var line in lines)
                    {
                        text.Append(line is JsonValue lv && lv.TryGetValue(out string? l) ? l : throw Fail($"{what} has a line that is not a string."));
                    }
                    return text.ToString();
                default:
                    throw Fail($"{what} is missing or is not a string or a list of strings.");
            }
        }

        private NotebookFormatException Fail(string problem) => new(path, problem);
    }
}
