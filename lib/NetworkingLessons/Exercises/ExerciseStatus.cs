namespace NetworkingLessons.Exercises;

/// <summary>Where an exercise stands after its checks ran.</summary>
public enum ExerciseStatus
{
    /// <summary>Every check passed.</summary>
    Passed,
    /// <summary>The answer is still the stub: it threw NotImplementedException.</summary>
    ToDo,
    /// <summary>A check failed.</summary>
    Failed,
}
