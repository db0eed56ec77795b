using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>How one exercise did in one run.</summary>
/// <param name="Exercise">The exercise.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Message">What went wrong, for anything but <see cref="ExerciseState.Passed"/>.</param>
public sealed record ExerciseOutcome(Exercise Exercise, ExerciseState State, string? Message)
{
    /// <summary>Points earned: all of them when passed, none otherwise.</summary>
    public int Points => State == ExerciseState.Passed ? Exercise.Points : 0;

    /// <summary>A short word for the state: "passed", "to do", "failed", "timed out", "not run", "missing".</summary>
    public string Label => State switch
    {
        ExerciseState.Passed => "passed",
        ExerciseState.ToDo => "to do",
        ExerciseState.Failed => "failed",
        ExerciseState.TimedOut => "timed out",
        ExerciseState.NotRun => "not run",
        _ => "missing",
    };

    /// <summary>Judges each exercise from the runs of its cells.</summary>
    public static IReadOnlyList<ExerciseOutcome> Evaluate(IReadOnlyList<Exercise> exercises, NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Evaluate(exercises, run.Cells);
    }

    /// <summary>Judges each exercise from the runs of its cells (those missing did not run).</summary>
    public static IReadOnlyList<ExerciseOutcome> Evaluate(IReadOnlyList<Exercise> exercises, IEnumerable<CellRun> cells)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        ArgumentNullException.ThrowIfNull(cells);
        var byCell = cells.ToDictionary(c => c.CellNumber - 1);
        return [.. exercises.Select(e => Judge(e, byCell))];
    }

    private static ExerciseOutcome Judge(Exercise exercise, Dictionary<int, CellRun> byCell)
    {
        foreach (var index in exercise.Cells)
        {
            if (!byCell.TryGetValue(index, out var cell))
            {
                return new(exercise, ExerciseState.NotRun, $"{exercise.Name}: the run stopped before cell {index + 1}.");
            }
            if (cell.Succeeded)
            {
                continue;
            }
            return cell switch
            {
                { ExceptionType: "System.NotImplementedException" } => new(exercise, ExerciseState.ToDo, $"{exercise.Name}: not done yet."),
                { Status: CellStatus.TimedOut } => new(exercise, ExerciseState.TimedOut, cell.ErrorMessage),
                { ExceptionMessage: { } message } when message.StartsWith("Exercise ", StringComparison.Ordinal) => new(exercise, ExerciseState.Failed, message),
                _ => new(exercise, ExerciseState.Failed, cell.ErrorMessage),
            };
        }
        return new(exercise, ExerciseState.Passed, null);
    }
}
