using System.Text;
using System.Text.RegularExpressions;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// The nbgrader-style markers of an instructor source cell: <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c>
/// around an answer, <c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c> around checks students do not see,
/// and, in an answer cell, <c>// BEGIN PITFALL: what it gets wrong</c> … <c>// END PITFALL</c> around a
/// wrong answer, commented out, that falls into a pitfall the exercise names: the course's tests
/// put it in place of the solution and require the visible checks to fail on it.
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
    /// <summary>Opens a wrong answer (commented out) that falls into a pitfall; a description may follow after a colon.</summary>
    public const string BeginPitfall = "// BEGIN PITFALL";
    /// <summary>Closes a wrong answer.</summary>
    public const string EndPitfall = "// END PITFALL";

    private static readonly string[] Exact = [BeginSolution, EndSolution, BeginHiddenTests, EndHiddenTests, EndPitfall];

    /// <summary>True when the cell holds an answer block.</summary>
    public static bool HasSolution(string source) => source.Split('\n').Any(l => l.Trim() == BeginSolution);

    /// <summary>True when the cell holds any marker (so it belongs to an exercise).</summary>
    public static bool HasMarkers(string source) => source.Split('\n').Any(l => IsMarker(l.Trim()));

    private static bool IsMarker(string trimmed) => Exact.Contains(trimmed) || IsBeginPitfall(trimmed);

    private static bool IsBeginPitfall(string trimmed) =>
        trimmed == BeginPitfall || trimmed.StartsWith(BeginPitfall + ":", StringComparison.Ordinal);

    /// <summary>
    /// The wrong answers of an answer cell, each with what it gets wrong and its code (the
    /// block's lines with their comment marks taken off).
    /// </summary>
    /// <exception cref="MarkerException">The markers are unbalanced, nested or misspelt.</exception>
    public static IReadOnlyList<Pitfall> Pitfalls(string source, string path, int cell)
    {
        Validate(source, path, cell);
        var pitfalls = new List<Pitfall>();
        List<string>? code = null;
        var description = "";
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.Trim();
            if (IsBeginPitfall(trimmed))
            {
                code = [];
                description = trimmed.Length > BeginPitfall.Length ? trimmed[(BeginPitfall.Length + 1)..].Trim() : "";
            }
            else if (trimmed == EndPitfall && code is not null)
            {
                pitfalls.Add(new Pitfall(description, string.Join('\n', code)));
                code = null;
            }
            else
            {
                code?.Add(Uncommented(line));
            }
        }
        return pitfalls;
    }

    // "    // return x;" is "    return x;": the comment mark and one space go, the indent stays.
    private static string Uncommented(string line)
    {
        var indent = line[..(line.Length - line.TrimStart().Length)];
        var rest = line.TrimStart();
        if (rest.StartsWith("// ", StringComparison.Ordinal))
        {
            return indent + rest[3..];
        }
        return rest.StartsWith("//", StringComparison.Ordinal) ? indent + rest[2..] : line;
    }

    /// <summary>Checks that the markers of a cell pair up, are spelt right and do not nest.</summary>
    /// <exception cref="MarkerException">The first problem found.</exception>
    public static void Validate(string source, string path, int cell) => _ = Transform(source, path, cell, "", null);

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
    public static string ToStudent(string source, string path, int cell, string exercise) => Transform(source, path, cell, exercise, null);

    /// <summary>
    /// The student version of an answer cell with <paramref name="pitfall"/>'s code where the
    /// student's answer goes: what a student who fell into it would hand in.
    /// </summary>
    /// <exception cref="MarkerException">The markers are unbalanced, nested or misspelt.</exception>
    public static string WithPitfall(string source, string path, int cell, Pitfall pitfall)
    {
        ArgumentNullException.ThrowIfNull(pitfall);
        return Transform(source, path, cell, "", pitfall);
    }

    /// <summary>The cell with the markers' lines removed and everything between them kept: what the instructor's run executes.</summary>
    /// <exception cref="MarkerException">The markers are unbalanced, nested or misspelt.</exception>
    public static string WithoutMarkers(string source, string path, int cell)
    {
        Validate(source, path, cell);
        return string.Join('\n', source.Split('\n').Where(l => !IsMarker(l.Trim())));
    }

    private static string Transform(string source, string path, int cell, string exercise, Pitfall? pitfall)
    {
        var lines = source.Split('\n');
        var output = new StringBuilder();
        string? open = null;
        var openLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            var number = i + 1;
            if (IsBeginPitfall(trimmed))
            {
                trimmed = BeginPitfall;
            }
            if (!IsMarker(trimmed))
            {
                if (LooksLikeMarker().IsMatch(trimmed))
                {
                    throw new MarkerException(path, cell, number,
                        $"'{trimmed}' looks like an exercise marker but is not one; write exactly '{BeginSolution}', '{EndSolution}', '{BeginHiddenTests}', '{EndHiddenTests}', '{BeginPitfall}: …' or '{EndPitfall}'.");
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
                if (kind == "PITFALL" && !HasSolution(source))
                {
                    throw new MarkerException(path, cell, number, $"a PITFALL block belongs in the answer cell, beside its '{BeginSolution}' block.");
                }
                if (kind == "SOLUTION" && pitfall is not null)
                {
                    output.Append(pitfall.Code).Append('\n');
                }
                else if (kind == "SOLUTION")
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

    // BEGIN/END with SOLUTION, HIDDEN or PITFALL in any case or spacing, or nbgrader's Python '###' form.
    [GeneratedRegex(@"^(//|#+)\s*(BEGIN|END)\s*(SOLUTIONS?|HIDDEN(\s*TESTS?)?|PITFALLS?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeMarker();
}
