namespace NetworkingLessons;

/// <summary>
/// The environment variables the course's projects share: the one source of their names,
/// compiled into each project that needs them (the library must not reference the CLI, nor the
/// CLI the library, so a linked file is how they share a constant).
/// </summary>
internal static class CourseVariables
{
    /// <summary>Set to 1, lessons use local stand-ins instead of servers on the internet (<c>lessons run --offline</c>, CI, the tests).</summary>
    public const string Offline = "NETWORKING_LESSONS_OFFLINE";

    /// <summary>Set by <c>lessons kernel</c> in its own process: the connection file of the kernel running the notebook (what ipykernel's <c>get_connection_file()</c> gives).</summary>
    public const string ConnectionFile = "NETWORKING_LESSONS_CONNECTION_FILE";

    /// <summary>
    /// Set by autograde in a worker's process: the file where a graded notebook's checks write
    /// what they found (one JSON object per line), for the grader to judge.
    /// </summary>
    public const string GradingProbes = "NETWORKING_LESSONS_GRADING_PROBES";
}
