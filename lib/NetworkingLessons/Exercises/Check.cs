namespace NetworkingLessons.Exercises;

/// <summary>
/// Checks for exercise cells. A check cell starts with <c>Check.Exercise(N)</c> and chains checks:
/// <code>
/// Check.Exercise(2)
///     .Returns(() => ToDottedQuad(0xC0A80001), "192.168.0.1", "check the byte order");
/// </code>
/// A lesson ends with <c>Check.Summary()</c>, a table of where each exercise stands.
/// </summary>
public static class Check
{
    private static readonly Scoreboard Board = new();

    /// <summary>Starts (or restarts) the checks of exercise <paramref name="number"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is not positive.</exception>
    public static ExerciseCheck Exercise(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return new ExerciseCheck(Board.Start(number));
    }

    /// <summary>Where each exercise checked since the lesson started stands.</summary>
    public static Scoreboard Summary() => Board;

    /// <summary>Forgets every result: called when a lesson starts, so one lesson's results never show in another's summary.</summary>
    public static void Reset() => Board.Clear();
}
