using System.Globalization;
using System.Text.RegularExpressions;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// Finds a lesson's exercises. An exercise starts at a markdown heading "Exercise N: Title",
/// optionally ending "(P points)", and takes the code cells after it up to the next heading of
/// level 1–3. Cells with a solution block are its answers; the others its checks.
/// </summary>
public static partial class ExerciseMap
{
    /// <summary>The exercises of <paramref name="notebook"/>, in order.</summary>
    public static IReadOnlyList<Exercise> Find(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var exercises = new List<Exercise>();
        (int Number, string Title, int Points, List<int> Cells, List<int> Answers)? current = null;
        void Close()
        {
            if (current is { } c)
            {
                exercises.Add(new Exercise(c.Number, c.Title, c.Points, c.Cells, c.Answers));
            }
            current = null;
        }
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind == CellKind.Markdown)
            {
                foreach (var line in cell.Source.Split('\n'))
                {
                    if (ExerciseHeading().Match(line) is { Success: true } m)
                    {
                        Close();
                        var points = m.Groups["points"].Success ? int.Parse(m.Groups["points"].Value, CultureInfo.InvariantCulture) : 1;
                        current = (int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture), m.Groups["title"].Value.Trim(), points, [], []);
                    }
                    else if (SectionHeading().IsMatch(line))
                    {
                        Close();
                    }
                }
            }
            else if (cell.Kind == CellKind.Code && current is { } open)
            {
                open.Cells.Add(i);
                if (ExerciseMarkers.HasSolution(cell.Source))
                {
                    open.Answers.Add(i);
                }
            }
        }
        Close();
        return exercises;
    }

    /// <summary>The exercise that cell <paramref name="index"/> (0-based) belongs to, if any.</summary>
    public static Exercise? ExerciseOf(IEnumerable<Exercise> exercises, int index) =>
        exercises.FirstOrDefault(e => e.Cells.Contains(index));

    // The rule for a student's copy: a failure inside an exercise is work to do, not a broken
    // lesson, so the run goes on past it and it does not make the run fail.

    /// <summary>For <see cref="Execution.RunOptions.ContinueAfterFailure"/>: go on past a failing cell when it belongs to an exercise.</summary>
    public static Func<int, Execution.CellRun, bool> ContinuePastExercises(IReadOnlyList<Exercise> exercises) =>
        (index, _) => ExerciseOf(exercises, index) is not null;

    /// <summary>The failures of <paramref name="run"/> outside every exercise: what makes a student copy's run fail.</summary>
    public static IReadOnlyList<Execution.CellRun> FailuresOutsideExercises(IReadOnlyList<Exercise> exercises, Execution.NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Failures.Where(f => ExerciseOf(exercises, f.CellNumber - 1) is null)];
    }

    [GeneratedRegex(@"^#{2,4}\s+Exercise\s+(?<number>\d+)\s*[:.\u2014\u2013-]?\s*(?<title>.*?)\s*(\((?<points>\d+)\s+points?\))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ExerciseHeading();

    [GeneratedRegex(@"^#{1,3}\s+\S")]
    private static partial Regex SectionHeading();
}
