using System.Text.RegularExpressions;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// Makes the student copy of an instructor source, as nbgrader's generate_assignment does: answers
/// become stubs, hidden checks go, outputs are cleared, relative <c>#r</c>/<c>#load</c> paths are
/// re-based to the copy's folder, and navigation (previous | index | next) goes at top and bottom.
/// </summary>
public static partial class StudentCopy
{
    /// <summary>The cell id of the navigation bar above the lesson.</summary>
    public const string TopNavigationId = "nav-top";
    /// <summary>The cell id of the navigation bar below the lesson.</summary>
    public const string BottomNavigationId = "nav-bottom";

    /// <summary>The id a source cell keeps in the student copy: its own, or one from its position.</summary>
    public static string CellId(Notebook source, int index) => source.Cells[index].Id ?? $"cell-{index + 1}";

    /// <summary>The lesson's title: the text of its first H1, or the file name.</summary>
    public static string TitleOf(Notebook notebook, string path) =>
        notebook.Cells.Where(c => c.Kind == CellKind.Markdown)
            .SelectMany(c => c.Source.Split('\n'))
            .Select(l => H1().Match(l))
            .FirstOrDefault(m => m.Success)?.Groups[1].Value.Trim()
        ?? Path.GetFileNameWithoutExtension(path);

    /// <summary>Creates the student copy of <paramref name="source"/>.</summary>
    /// <param name="source">The instructor source.</param>
    /// <param name="sourcePath">Its file, for errors and for re-basing relative paths.</param>
    /// <param name="studentPath">Where the copy will be written.</param>
    /// <param name="previous">The lesson before, if any.</param>
    /// <param name="next">The lesson after, if any.</param>
    /// <param name="indexLink">The link to the course index, relative to the copy.</param>
    /// <exception cref="MarkerException">Markers are malformed, or an answer or exercise is misplaced.</exception>
    public static Notebook Create(Notebook source, string sourcePath, string studentPath, LessonLink? previous, LessonLink? next, string indexLink)
    {
        ArgumentNullException.ThrowIfNull(source);
        var exercises = ExerciseMap.Find(source);
        CheckStructure(source, sourcePath, exercises);
        var sourceFolder = Path.GetDirectoryName(Path.GetFullPath(sourcePath))!;
        var studentFolder = Path.GetDirectoryName(Path.GetFullPath(studentPath))!;
        var navigation = Navigation(previous, next, indexLink);

        var copy = new Notebook { Metadata = (System.Text.Json.Nodes.JsonObject)source.Metadata.DeepClone() };
        copy.Metadata["kernelspec"] ??= new Notebook().Metadata["kernelspec"]!.DeepClone();
        copy.Metadata["language_info"] ??= new Notebook().Metadata["language_info"]!.DeepClone();
        copy.Cells.Add(new NotebookCell(CellKind.Markdown, NotebookCell.MarkdownKernel, navigation) { Id = TopNavigationId });
        for (var i = 0; i < source.Cells.Count; i++)
        {
            var cell = source.Cells[i].Clone();
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.Id = CellId(source, i);
            if (cell.Kind == CellKind.Code)
            {
                var exercise = ExerciseMap.ExerciseOf(exercises, i);
                cell.Source = Rebase(ExerciseMarkers.ToStudent(cell.Source, sourcePath, i + 1, exercise?.Name ?? "Exercise"), sourceFolder, studentFolder);
            }
            copy.Cells.Add(cell);
        }
        copy.Cells.Add(new NotebookCell(CellKind.Markdown, NotebookCell.MarkdownKernel, navigation) { Id = BottomNavigationId });
        return copy;
    }

    /// <summary>The navigation bar: "← previous | Index | next →".</summary>
    public static string Navigation(LessonLink? previous, LessonLink? next, string indexLink)
    {
        var parts = new List<string>();
        if (previous is not null)
        {
            parts.Add($"[← {previous.Number} {previous.Title}]({previous.FileName})");
        }
        parts.Add($"[Index]({indexLink})");
        if (next is not null)
        {
            parts.Add($"[{next.Number} {next.Title} →]({next.FileName})");
        }
        return string.Join(" | ", parts);
    }

    private static void CheckStructure(Notebook source, string path, IReadOnlyList<Exercise> exercises)
    {
        for (var i = 0; i < source.Cells.Count; i++)
        {
            var cell = source.Cells[i];
            if (cell.Kind != CellKind.Code)
            {
                continue;
            }
            ExerciseMarkers.Validate(cell.Source, path, i + 1);
            if (ExerciseMarkers.HasMarkers(cell.Source) && ExerciseMap.ExerciseOf(exercises, i) is null)
            {
                throw new MarkerException(path, i + 1, 1, "this cell has exercise markers but no 'Exercise N: Title' heading above it.");
            }
        }
        foreach (var exercise in exercises)
        {
            var first = exercise.Cells.Count > 0 ? exercise.Cells[0] + 1 : 1;
            if (exercise.AnswerCells.Count == 0)
            {
                throw new MarkerException(path, first, 1, $"{exercise.Name} has no cell with a '{ExerciseMarkers.BeginSolution}' block.");
            }
            if (!exercise.CheckCells.Any())
            {
                throw new MarkerException(path, first, 1, $"{exercise.Name} has no check cell after its answer.");
            }
        }
        var duplicate = exercises.GroupBy(e => e.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MarkerException(path, duplicate.Skip(1).First().Cells.FirstOrDefault() + 1, 1, $"Exercise {duplicate.Key} appears twice.");
        }
    }

    // #r "relative/path.dll" and #load "relative.csx" must point at the same file from the copy's folder.
    private static string Rebase(string code, string from, string to)
    {
        if (from == to)
        {
            return code;
        }
        return ReferenceDirective().Replace(code, m =>
        {
            var target = m.Groups["path"].Value;
            if (Path.IsPathRooted(target) || target.Contains(':', StringComparison.Ordinal))
            {
                return m.Value;
            }
            var rebased = Path.GetRelativePath(to, Path.GetFullPath(Path.Combine(from, target))).Replace('\\', '/');
            return m.Groups["head"].Value + rebased + m.Groups["tail"].Value;
        });
    }

    [GeneratedRegex("^(?<head>\\s*#(r|load)\\s+\")(?<path>[^\"]+)(?<tail>\".*)$", RegexOptions.Multiline)]
    private static partial Regex ReferenceDirective();

    [GeneratedRegex(@"^#\s+(.+)$")]
    private static partial Regex H1();
}
