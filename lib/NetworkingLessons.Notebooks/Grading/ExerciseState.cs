namespace NetworkingLessons.Notebooks.Grading;

/// <summary>Where an exercise stands after a run of its notebook.</summary>
public enum ExerciseState
{
    /// <summary>Every cell of the exercise ran and passed.</summary>
    Passed,
    /// <summary>The answer is still the stub (it threw NotImplementedException).</summary>
    ToDo,
    /// <summary>A check failed, or the answer threw or did not compile.</summary>
    Failed,
    /// <summary>A cell of the exercise ran out of time.</summary>
    TimedOut,
    /// <summary>The run ended before the exercise's cells.</summary>
    NotRun,
    /// <summary>The student's notebook could not be read, or lost its answer cell.</summary>
    Missing,
}
