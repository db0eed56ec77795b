namespace NetworkingLessons;

/// <summary>
/// What a graded check writes and how a check's verdict reads, shared by the library (whose checks
/// judge in a lesson and write probes in a graded run) and the autograder (which judges the probes):
/// one source for both, compiled into each (see <see cref="CourseVariables"/> for why a linked file).
/// </summary>
internal static class CheckProtocol
{
    /// <summary>The rule of a <c>Returns</c> check: the same value.</summary>
    public const string Returns = "returns";

    /// <summary>The rule of a <c>ReturnsLessThan</c> check: a number under a limit.</summary>
    public const string LessThan = "lessThan";

    /// <summary>The rule of a <c>Throws</c> check: an exception of a type or a subclass.</summary>
    public const string Throws = "throws";

    /// <summary>How a written value's type starts when a notebook's cell declared the type.</summary>
    public const string NotebookTypePrefix = "notebook:";

    /// <summary>A failed check's message: the exercise, the problem, and the hint when there is one.</summary>
    public static string Failure(int exercise, string problem, string? hint) =>
        $"Exercise {exercise}: {problem}{(string.IsNullOrWhiteSpace(hint) ? "" : " — " + hint)}";

    /// <summary>The message of an exercise whose answer is still the stub.</summary>
    public static string ToDo(int exercise) => $"Exercise {exercise}: to do — the answer still throws NotImplementedException.";

    /// <summary>The problem when a call returned the wrong value.</summary>
    public static string Returned(string call, string actual, string expected) => $"{call} returned {actual}; expected {expected}";

    /// <summary>The problem when a call threw where it should not have, or the wrong exception.</summary>
    public static string Threw(string call, string exception, string expected) => $"{call} threw {exception}; expected {expected}";

    /// <summary>The problem when a call should have thrown and did not.</summary>
    public static string ThrewNothing(string call, string expected) => $"{call} threw nothing; expected {expected}";

    /// <summary>The problem when a call returned a type the notebook declares, which no check lets decide.</summary>
    public static string NotebookType(string call, string type) =>
        $"{call} returned a {type}, a type this notebook declares; return one of .NET's types (a number, a string, a bool, an array…) as the exercise asks";
}
