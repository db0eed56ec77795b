namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// A cell split where Polyglot Notebooks splits it: at a line naming a kernel (<c>#!csharp</c>,
/// <c>#!markdown</c>, <c>#!html</c>…), each part running in that kernel. The C# parts keep the
/// cell's line numbers (other lines are blanked), so errors point at the line the student sees.
/// </summary>
internal static class CellSegments
{
    /// <summary>One part of a cell.</summary>
    /// <param name="Kernel">The kernel's canonical name (see <see cref="Magics.KernelOf"/>).</param>
    /// <param name="Code">Its text; for C#, the whole cell with other parts' lines left empty.</param>
    /// <param name="FirstLine">The 1-based line its text starts on.</param>
    public sealed record Segment(string Kernel, string Code, int FirstLine);

    public static IReadOnlyList<Segment> Split(string code, string kernel)
    {
        var lines = code.Split('\n');
        var parts = new List<(string Kernel, int From, int To)>();
        var current = Magics.KernelOf(kernel) ?? kernel;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (Magics.KernelOf(lines[i].Trim()) is { } next && lines[i].TrimStart().StartsWith("#!", StringComparison.Ordinal))
            {
                parts.Add((current, start, i));
                current = next;
                start = i + 1;
            }
        }
        parts.Add((current, start, lines.Length));
        var segments = new List<Segment>();
        foreach (var (name, from, to) in parts)
        {
            var body = lines[from..to];
            if (body.All(string.IsNullOrWhiteSpace) && parts.Count > 1)
            {
                continue; // the empty stretch before a cell's first selector line
            }
            var text = name == Magics.CSharp
                ? string.Join('\n', lines.Select((line, i) => i >= from && i < to ? line : ""))
                : string.Join('\n', body).Trim('\n');
            segments.Add(new Segment(name, text, from + 1));
        }
        return segments;
    }
}
