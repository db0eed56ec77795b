using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>Turns compile errors and exceptions into error outputs that name the cell and line.</summary>
internal static partial class ErrorReport
{
    /// <summary>The file name each cell's code is compiled under, so that stack frames tell which cell they are in.</summary>
    public static string CellPath(string baseDirectory, string notebookName, int cell) =>
        Path.Combine(baseDirectory, $"{notebookName}#cell{cell}");

    public static int? CellOf(string? path) =>
        path is not null && CellPathPattern().Match(path) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    public static (ErrorOutput Output, int? Line, string Message) Compilation(IReadOnlyList<Diagnostic> errors, int cell)
    {
        var lines = errors.Select(d => Describe(d, cell)).ToList();
        var line = errors.Count > 0 ? errors[0].Location.GetMappedLineSpan().StartLinePosition.Line + 1 : (int?)null;
        var message = $"Cell {cell}, {lines[0].Where}: {lines[0].Text}";
        return (new ErrorOutput("CompilationError", message, [.. lines.Select(l => $"{l.Where}: {l.Text}")]), line, message);
    }

    public static (ErrorOutput Output, int? Line, string Message) Exception(Exception exception, int cell)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        var line = frames.Where(f => CellOf(f.GetFileName()) == cell).Select(f => (int?)f.GetFileLineNumber()).FirstOrDefault();
        var message = $"Cell {cell}{(line is int l ? $", line {l}" : "")}: {exception.GetType().Name}: {exception.Message}";
        var traceback = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            traceback.Add($"{(e == exception ? "" : "---> ")}{e.GetType().FullName}: {e.Message}");
            traceback.AddRange(new StackTrace(e, fNeedFileInfo: true).GetFrames().Select(Describe).OfType<string>());
        }
        return (new ErrorOutput(exception.GetType().FullName ?? exception.GetType().Name, message, traceback), line, message);
    }

    private static (string Where, string Text) Describe(Diagnostic diagnostic, int cell)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var line = span.StartLinePosition.Line + 1;
        var where = (CellOf(span.Path) ?? (span.Path.Length == 0 ? cell : null)) is int c
            ? (c == cell ? $"line {line}" : $"cell {c}, line {line}")
            : $"{Path.GetFileName(span.Path)}, line {line}";
        return (where, $"error {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    }

    private static string? Describe(StackFrame frame)
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
            return $"   at {CellMethodName(method)} in cell {cell}, line {frame.GetFileLineNumber()}";
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
            || (ns.StartsWith("System.Threading", StringComparison.Ordinal) && type?.Name.Contains("Task", StringComparison.Ordinal) == true);
    }

    [GeneratedRegex(@"#cell(\d+)$")]
    private static partial Regex CellPathPattern();

    [GeneratedRegex(@"g__([^|]+)\|")]
    private static partial Regex MangledNamePattern();
}
