using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// What the autograder runs for one submission: the instructor source, with each answer cell taken
/// from the student's notebook. Everything else, checks and hidden tests included, comes from the
/// source, so a student who edits or deletes a check does not escape it. Answer cells are matched
/// by cell id; a notebook saved without ids (nbformat 4.4 tools) or with ids changed is matched by
/// position when its cells line up with the student copy's, else by the code cell's place after
/// its exercise's heading, and the match says so.
/// </summary>
public static partial class GradedNotebook
{
    /// <summary>Builds the notebook to grade.</summary>
    /// <param name="source">The instructor source.</param>
    /// <param name="sourcePath">Its file, for error messages.</param>
    /// <param name="submission">The student's notebook.</param>
    /// <returns>The notebook, and the exercises whose answer cell the student deleted (they get the stub).</returns>
    public static (Notebook Notebook, IReadOnlyList<Exercise> MissingAnswers) Build(Notebook source, string sourcePath, Notebook submission)
    {
        var (notebook, missing, _) = BuildMatched(source, sourcePath, submission);
        return (notebook, missing);
    }

    /// <summary>Builds the notebook to grade, and says how answers were found when not every one was by its cell id.</summary>
    /// <returns>The notebook, the exercises whose answer cell is missing, and a note on the matching (null when all went by id).</returns>
    public static (Notebook Notebook, IReadOnlyList<Exercise> MissingAnswers, string? Matching) BuildMatched(Notebook source, string sourcePath, Notebook submission)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(submission);
        var exercises = ExerciseMap.Find(source);
        // An id counts when it finds a code cell inside its exercise's section of the submission
        // (the code cells after that exercise's heading); ids renumbered by another tool point
        // elsewhere and do not count. When ids count for some answers, an answer cell without one
        // was deleted; when they count for none, answers are matched by position (a notebook whose
        // cells line up one for one with the source's) or by their place in their section.
        var sections = exercises.ToDictionary(e => e.Number, e => Section(submission, e.Number));
        var byId = new Dictionary<int, string>();
        foreach (var exercise in exercises)
        {
            foreach (var i in exercise.AnswerCells)
            {
                var index = submission.Cells.FindIndex(c => c.Kind == CellKind.Code && c.Id == StudentCopy.CellId(source, i));
                if (index >= 0 && (sections[exercise.Number] is not { } section || section.Contains(index)))
                {
                    byId[i] = submission.Cells[index].Source;
                }
            }
        }
        var idsCount = byId.Count > 0;
        var linedUp = !idsCount && submission.Cells.Count == source.Cells.Count
            && submission.Cells.Select(c => c.Kind).SequenceEqual(source.Cells.Select(c => c.Kind));
        var byPosition = 0;
        var byHeading = 0;
        var graded = source.Clone();
        graded.ClearOutputs();
        // The source's own cells name the check API in full, so that a class called Check that a
        // student's answer declares cannot stand in for it.
        for (var i = 0; i < graded.Cells.Count; i++)
        {
            if (graded.Cells[i].Kind == CellKind.Code && !(ExerciseMap.ExerciseOf(exercises, i)?.AnswerCells.Contains(i) ?? false))
            {
                graded.Cells[i].Source = CheckCall().Replace(graded.Cells[i].Source, "global::NetworkingLessons.Exercises.Check.");
            }
        }
        var missing = new List<Exercise>();
        for (var i = 0; i < graded.Cells.Count; i++)
        {
            var exercise = ExerciseMap.ExerciseOf(exercises, i);
            if (exercise is null || !exercise.AnswerCells.Contains(i))
            {
                continue;
            }
            var cell = graded.Cells[i];
            var place = exercise.Cells.ToList().IndexOf(i);
            if (byId.TryGetValue(i, out var answer))
            {
                cell.Source = answer;
            }
            else if (linedUp && submission.Cells[i].Kind == CellKind.Code)
            {
                cell.Source = submission.Cells[i].Source;
                byPosition++;
            }
            else if (!idsCount && sections[exercise.Number] is { } section && place < section.Count)
            {
                cell.Source = submission.Cells[section[place]].Source;
                byHeading++;
            }
            else
            {
                cell.Source = ExerciseMarkers.ToStudent(cell.Source, sourcePath, i + 1, exercise.Name);
                if (!missing.Contains(exercise))
                {
                    missing.Add(exercise);
                }
            }
            cell.KernelName = NotebookCell.CSharp;
        }
        var notes = new List<string>();
        if (byPosition > 0)
        {
            notes.Add($"{byPosition} answer cell{(byPosition == 1 ? "" : "s")} matched by position (no matching cell id)");
        }
        if (byHeading > 0)
        {
            notes.Add($"{byHeading} matched by their place after the exercise's heading");
        }
        return (graded, missing, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    // The indexes of the code cells after the heading "Exercise N" in the submission, up to the next heading; null without the heading.
    private static List<int>? Section(Notebook submission, int number)
    {
        var heading = submission.Cells.FindIndex(c => c.Kind == CellKind.Markdown && ExerciseMap.Find(new Notebook([c])).Any(e => e.Number == number));
        if (heading < 0)
        {
            return null;
        }
        var section = new List<int>();
        for (var i = heading + 1; i < submission.Cells.Count && !(submission.Cells[i].Kind == CellKind.Markdown && submission.Cells[i].Source.TrimStart().StartsWith('#')); i++)
        {
            if (submission.Cells[i].Kind == CellKind.Code)
            {
                section.Add(i);
            }
        }
        return section;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.:])Check\.")]
    private static partial System.Text.RegularExpressions.Regex CheckCall();
}
