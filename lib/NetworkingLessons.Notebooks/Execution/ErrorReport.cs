using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Turns compile errors and exceptions into error outputs that name the cell as the student sees
/// it, by its execution count as in the executed notebook and the HTML (<c>Cell In [3]</c>, the
/// way IPython names cells in tracebacks) and its first line of code, then the line.
/// </summary>
internal static partial class ErrorReport
{
    private const int FirstLineWidth = 48;

    /// <summary>The file name each cell's code is compiled under, so that stack frames tell which cell they are in.</summary>
    public static string CellPath(string baseDirectory, string notebookName, int cell) =>
        Path.Combine(baseDirectory, $"{notebookName}#cell{cell}");

    public static int? CellOf(string? path) =>
        path is not null && CellPathPattern().Match(path) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>A cell's name in messages: "Cell In [3] `var x = …`".</summary>
    public static string Label(int executionCount, string code)
    {
        var first = code.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("#!", StringComparison.Ordinal));
        var shown = first is null ? "" : first.Length <= FirstLineWidth ? $" `{first}`" : $" `{first[..(FirstLineWidth - 1)].TrimEnd()}…`";
        return $"Cell {ShortLabel(executionCount)}{shown}";
    }

    /// <summary>A cell's short name, for references from other cells: "In [3]".</summary>
    public static string ShortLabel(int executionCount) => $"In [{executionCount.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>"Cell In [3] `…`, line 2".</summary>
    public static string Where(string label, int? line) => line is int l ? $"{label}, line {l.ToString(CultureInfo.InvariantCulture)}" : label;

    public static (ErrorOutput Output, int? Line, string Message) Compilation(IReadOnlyList<Diagnostic> errors, int cell, string label,
        Func<int, string> labelOf, string baseDirectory)
    {
        var lines = errors.Select(d => Describe(d, cell, labelOf, baseDirectory)).ToList();
        var line = errors.Count > 0 ? errors[0].Location.GetMappedLineSpan().StartLinePosition.Line + 1 : (int?)null;
        var message = $"{label}, {lines[0].Where}: {lines[0].Text}";
        return (new ErrorOutput("CompilationError", message, [.. lines.Select(l => $"{l.Where}: {l.Text}")]), line, message);
    }

    /// <summary>The line of cell <paramref name="cell"/> the exception was thrown from, if it passed through that cell.</summary>
    public static int? LineOf(Exception exception, int cell) =>
        new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .Where(f => CellOf(f.GetFileName()) == cell).Select(f => (int?)f.GetFileLineNumber()).FirstOrDefault();

    public static (ErrorOutput Output, int? Line, string Message) Exception(Exception exception, int cell, string label, Func<int, string> labelOf)
    {
        var line = LineOf(exception, cell);
        var message = $"{Where(label, line)}: {exception.GetType().Name}: {exception.Message}";
        var traceback = new List<string>();
        // A stub's NotImplementedException is work to do, not a bug to trace: its one line says all.
        for (var e = exception is NotImplementedException ? null : exception; e is not null; e = e.InnerException)
        {
            traceback.Add($"{(e == exception ? "" : "---> ")}{e.GetType().FullName}: {e.Message}");
            traceback.AddRange(new StackTrace(e, fNeedFileInfo: true).GetFrames().Select(f => Describe(f, labelOf)).OfType<string>());
        }
        return (new ErrorOutput(exception.GetType().FullName ?? exception.GetType().Name, message, traceback), line, message);
    }

    private static (string Where, string Text) Describe(Diagnostic diagnostic, int cell, Func<int, string> labelOf, string baseDirectory)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var line = span.StartLinePosition.Line + 1;
        var where = (CellOf(span.Path) ?? (span.Path.Length == 0 ? cell : null)) is int c
            ? (c == cell ? $"line {line}" : $"{labelOf(c)}, line {line}")
            : $"{Path.GetFileName(span.Path)}, line {line}";
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        // A missing #r target: most often a library not built yet, or a notebook copied away from it.
        if (diagnostic.Id == "CS0006" && QuotedPath().Match(message) is { Success: true } missing)
        {
            message = $"no library at {missing.Groups[1].Value}: run dotnet build first (in the course folder, for the course's library); "
                + $"the path is relative to this notebook's folder, {baseDirectory}, so a notebook copied elsewhere needs it changed.";
        }
        return (where, $"error {diagnostic.Id}: {message}");
    }

    private static string? Describe(StackFrame frame, Func<int, string> labelOf)
    {
        var method = frame.GetMethod();
        var type = method?.DeclaringType;
        if (method is null || Hidden(type))
        {
            return null;
        }
        var file = frame.GetFileName();
        if (CellOf(file) is int cell)
        {
            return $"   at {CellMethodName(method)} in {labelOf(cell)}, line {frame.GetFileLineNumber()}";
        }
        var where = file is null ? "" : $" in {file}:line {frame.GetFileLineNumber()}";
        return $"   at {type?.FullName}.{method.Name}{where}";
    }

    // Compiler-made names: "<Initialize>" is the cell's top level; "<<Main>g__Local|0_0>" a local function.
    private static string CellMethodName(MethodBase method)
    {
        var name = method.DeclaringType?.Name.StartsWith('<') == true ? method.DeclaringType.Name : method.Name;
        if (name.Contains("<Initialize>", StringComparison.Ordinal) || name == "<Factory>")
        {
            return "<top level>";
        }
        var match = MangledNamePattern().Match(name);
        return match.Success ? match.Groups[1].Value : name;
    }

    private static bool Hidden(Type? type)
    {
        var ns = type?.Namespace ?? "";
        return ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            || ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
            || ns.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal)
            || type == typeof(ExecutionContext)
            || type == typeof(CellGuard)
            || type == typeof(CellBlocking) || type?.DeclaringType == typeof(CellBlocking)
            || (ns.StartsWith("System.Threading", StringComparison.Ordinal) && type?.Name.Contains("Task", StringComparison.Ordinal) == true);
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedPath();

    [GeneratedRegex(@"#cell(\d+)$")]
    private static partial Regex CellPathPattern();

    [GeneratedRegex(@"g__([^|]+)\|")]
    private static partial Regex MangledNamePattern();
}
