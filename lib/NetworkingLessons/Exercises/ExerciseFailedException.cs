namespace NetworkingLessons.Exercises;

/// <summary>A check of an exercise failed; the message says what the answer did and what was expected.</summary>
public sealed class ExerciseFailedException : Exception
{
    /// <summary>Creates the exception for exercise <paramref name="exercise"/>.</summary>
    public ExerciseFailedException(int exercise, string message, Exception? inner = null) : base(message, inner) => Exercise = exercise;

    /// <summary>The exercise number.</summary>
    public int Exercise { get; }
}
