using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// What the autograder runs for one submission: the instructor source, with each answer cell taken
/// from the student's notebook (matched by cell id). Everything else, checks and hidden tests
/// included, comes from the source, so a student who edits or deletes a check does not escape it.
/// </summary>
public static class GradedNotebook
{
    /// <summary>Builds the notebook to grade.</summary>
    /// <param name="source">The instructor source.</param>
    /// <param name="sourcePath">Its file, for error messages.</param>
    /// <param name="submission">The student's notebook.</param>
    /// <returns>The notebook, and the exercises whose answer cell the student deleted (they get the stub).</returns>
    public static (Notebook Notebook, IReadOnlyList<Exercise> MissingAnswers) Build(Notebook source, string sourcePath, Notebook submission)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(submission);
        var exercises = ExerciseMap.Find(source);
        var answers = submission.Cells
            .Where(c => c.Kind == CellKind.Code && c.Id is not null)
            .GroupBy(c => c.Id!)
            .ToDictionary(g => g.Key, g => g.First().Source);
        var graded = source.Clone();
        graded.ClearOutputs();
        var missing = new List<Exercise>();
        for (var i = 0; i < graded.Cells.Count; i++)
        {
            var exercise = ExerciseMap.ExerciseOf(exercises, i);
            if (exercise is null || !exercise.AnswerCells.Contains(i))
            {
                continue;
            }
            var cell = graded.Cells[i];
            if (answers.TryGetValue(StudentCopy.CellId(source, i), out var answer))
            {
                cell.Source = answer;
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
        return (graded, missing);
    }
}
