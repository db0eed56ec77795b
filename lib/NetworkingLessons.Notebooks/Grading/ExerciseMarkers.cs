using System.Text;
using System.Text.RegularExpressions;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// The nbgrader-style markers of an instructor source cell: <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c>
/// around an answer, <c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c> around checks students do not see.
/// </summary>
public static partial class ExerciseMarkers
{
    /// <summary>Opens an answer.</summary>
    public const string BeginSolution = "// BEGIN SOLUTION";
    /// <summary>Closes an answer.</summary>
    public const string EndSolution = "// END SOLUTION";
    /// <summary>Opens hidden checks.</summary>
    public const string BeginHiddenTests = "// BEGIN HIDDEN TESTS";
    /// <summary>Closes hidden checks.</summary>
    public const string EndHiddenTests = "// END HIDDEN TESTS";

    private static readonly string[] Exact = [BeginSolution, EndSolution, BeginHiddenTests, EndHiddenTests];

    /// <summary>True when the cell holds an answer block.</summary>
    public static bool HasSolution(string source) => source.Split('\n').Any(l => l.Trim() == BeginSolution);

    /// <summary>True when the cell holds any marker (so it belongs to an exercise).</summary>
    public static bool HasMarkers(string source) => source.Split('\n').Any(l => Exact.Contains(l.Trim()));

    /// <summary>Checks that the markers of a cell pair up, are spelt right and do not nest.</summary>
    /// <exception cref="MarkerException">The first problem found.</exception>
    public static void Validate(string source, string path, int cell) => _ = Transform(source, path, cell, "");

    /// <summary>
    /// The student version of a cell: each answer replaced by a stub that still compiles
    /// (<c>// your code here</c> and a <c>throw new NotImplementedException(…)</c> naming the
    /// exercise), hidden checks removed.
    /// </summary>
    /// <param name="source">The instructor cell.</param>
    /// <param name="path">The source file, for errors.</param>
    /// <param name="cell">The 1-based cell number, for errors.</param>
    /// <param name="exercise">What the stub's message names, e.g. "Exercise 2: Dotted quad".</param>
    /// <exception cref="MarkerException">The markers are unbalanced, nested or misspelt.</exception>
    public static string ToStudent(string source, string path, int cell, string exercise) => Transform(source, path, cell, exercise);

    /// <summary>The cell with the markers' lines removed and everything between them kept: what the instructor's run executes.</summary>
    /// <exception cref="MarkerException">The markers are unbalanced, nested or misspelt.</exception>
    public static string WithoutMarkers(string source, string path, int cell)
    {
        Validate(source, path, cell);
        return string.Join('\n', source.Split('\n').Where(l => !Exact.Contains(l.Trim())));
    }

    private static string Transform(string source, string path, int cell, string exercise)
    {
        var lines = source.Split('\n');
        var output = new StringBuilder();
        string? open = null;
        var openLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            var number = i + 1;
            if (!Exact.Contains(trimmed))
            {
                if (LooksLikeMarker().IsMatch(trimmed))
                {
                    throw new MarkerException(path, cell, number,
                        $"'{trimmed}' looks like an exercise marker but is not one; write exactly '{BeginSolution}', '{EndSolution}', '{BeginHiddenTests}' or '{EndHiddenTests}'.");
                }
                if (open is null)
                {
                    output.Append(lines[i]).Append('\n');
                }
                continue;
            }
            var begins = trimmed.StartsWith("// BEGIN", StringComparison.Ordinal);
            var kind = trimmed[(begins ? "// BEGIN ".Length : "// END ".Length)..];
            if (begins)
            {
                if (open is not null)
                {
                    throw new MarkerException(path, cell, number, $"'{trimmed}' inside the {open} block opened at line {openLine}; markers do not nest.");
                }
                open = kind;
                openLine = number;
                if (kind == "SOLUTION")
                {
                    var indent = lines[i][..(lines[i].Length - lines[i].TrimStart().Length)];
                    output.Append(indent).Append("// your code here\n");
                    output.Append(indent).Append($"throw new NotImplementedException(\"{Escape(exercise)}: not done yet.\");\n");
                }
                continue;
            }
            if (open != kind)
            {
                throw new MarkerException(path, cell, number, open is null
                    ? $"'{trimmed}' has no matching BEGIN above it."
                    : $"'{trimmed}' closes a block that is not open; the {open} block opened at line {openLine} is.");
            }
            open = null;
        }
        if (open is not null)
        {
            throw new MarkerException(path, cell, openLine, $"the {open} block opened here is never closed (add '// END {open}').");
        }
        return output.ToString(0, Math.Max(0, output.Length - 1));
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    // BEGIN/END with SOLUTION or HIDDEN in any case or spacing, or nbgrader's Python '###' form.
    [GeneratedRegex(@"^(//|#+)\s*(BEGIN|END)\s*(SOLUTIONS?|HIDDEN(\s*TESTS?)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeMarker();
}
