using System.Collections.Frozen;
using System.Globalization;
using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// The Polyglot Notebooks magic commands this engine knows, in one place: the kernels a cell (or a
/// part of one) may name, what runs each, and the line magics inside C# code (<c>#!time</c>).
/// To add one, add it here.
/// </summary>
internal static class Magics
{
    public const string CSharp = "csharp";

    // What each kernel name Polyglot accepts stands for here.
    private static readonly FrozenDictionary<string, string> Kernels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["csharp"] = CSharp, ["c#"] = CSharp, ["C#"] = CSharp,
        ["markdown"] = "markdown", ["md"] = "markdown",
        ["html"] = "html",
        ["javascript"] = "javascript", ["js"] = "javascript",
        ["mermaid"] = "mermaid",
        ["fsharp"] = "fsharp", ["f#"] = "fsharp", ["F#"] = "fsharp",
        ["pwsh"] = "pwsh", ["powershell"] = "pwsh",
        ["sql"] = "sql", ["kql"] = "kql", ["http"] = "http", ["python"] = "python", ["r"] = "r", ["value"] = "value",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Kernels whose cells show their own text in a MIME type of their own.
    private static readonly FrozenDictionary<string, Func<string, MimeBundle>> Displays = new Dictionary<string, Func<string, MimeBundle>>(StringComparer.Ordinal)
    {
        ["markdown"] = text => MimeBundle.Of(text, "text/markdown", text),
        ["html"] = text => MimeBundle.Of(text, "text/html", text),
        ["javascript"] = text => MimeBundle.Of(text, "application/javascript", text),
        ["mermaid"] = Mermaid,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The canonical kernel a selector (<c>#!fsharp</c>) or a kernel name (<c>fsharp</c>) stands for, or null.</summary>
    public static string? KernelOf(string selectorOrName)
    {
        var name = selectorOrName.StartsWith("#!", StringComparison.Ordinal) ? selectorOrName[2..].Trim() : selectorOrName;
        return Kernels.GetValueOrDefault(name);
    }

    /// <summary>True when cells of <paramref name="kernel"/> are C#.</summary>
    public static bool IsCSharp(string kernel) => KernelOf(kernel) == CSharp;

    /// <summary>
    /// Runs a part of a cell that is not C#: shows it (markdown, html, javascript, mermaid) or says
    /// in one line that it is skipped (another language). Null for C#.
    /// </summary>
    public static CellOutput? RunOther(CellSegments.Segment segment)
    {
        if (segment.Kernel == CSharp)
        {
            return null;
        }
        return Displays.TryGetValue(segment.Kernel, out var display)
            ? new DisplayDataOutput(display(segment.Code))
            : new StreamOutput(StreamOutput.StandardError, $"this course runs C# only: {segment.Kernel} cells are skipped.\n");
    }

    /// <summary>A mermaid diagram: its source for terminals, the type JupyterLab renders, and a block mermaid.js draws in a page.</summary>
    public static MimeBundle Mermaid(string source) => new(
    [
        new(MimeBundle.PlainText, source),
        new("text/vnd.mermaid", source),
        new("text/html", $"<pre class=\"mermaid\">{System.Net.WebUtility.HtmlEncode(source)}</pre>"),
    ]);

    /// <summary>The line magics a C# part may start with, and the code after them (lines kept, magics blanked).</summary>
    public sealed record LineMagics(bool Time, string Code);

    /// <summary>
    /// Finds the line magics in C# code, and the first line this engine cannot run, with a sentence
    /// saying what to do instead.
    /// </summary>
    public static (LineMagics Magics, (int Line, string Problem)? Unsupported) Parse(string code)
    {
        var lines = code.Split('\n');
        var time = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line == "#!time")
            {
                time = true;
                lines[i] = "";
                continue;
            }
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var command = line.Split(' ', 2)[0];
                return (new LineMagics(time, code), (i + 1, $"the magic command '{command}' is not supported by this engine; remove it, or run the notebook in VS Code with Polyglot Notebooks."));
            }
            if ((line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
                && line.Contains("\"nuget:", StringComparison.OrdinalIgnoreCase))
            {
                return (new LineMagics(time, code), (i + 1, $"NuGet references ('{line}') are not supported: the course runs offline. Reference a built assembly with #r \"path/to/file.dll\", or add the package to lib/NetworkingLessons."));
            }
        }
        return (new LineMagics(time, string.Join('\n', lines)), null);
    }

    /// <summary>What <c>#!time</c> prints, as Polyglot Notebooks prints it.</summary>
    public static StreamOutput WallTime(TimeSpan elapsed) =>
        new(StreamOutput.StandardOutput, $"Wall time: {elapsed.TotalMilliseconds.ToString("0.####", CultureInfo.InvariantCulture)}ms\n");
}
