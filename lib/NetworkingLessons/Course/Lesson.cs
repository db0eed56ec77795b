using NetworkingLessons.Exercises;

namespace NetworkingLessons.Course;

/// <summary>The setup every lesson runs first.</summary>
public static class Lesson
{
    /// <summary>
    /// Starts lesson <paramref name="name"/>: checks the runtime, clears exercise results left by
    /// another lesson run in the same process, and returns the facts worth knowing when asking for help.
    /// </summary>
    /// <param name="name">The lesson's file name without extension, e.g. "01-host-names".</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="PlatformNotSupportedException">The runtime is too old.</exception>
    public static CourseEnvironment.Facts Start(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        CourseEnvironment.RequireSupportedRuntime();
        Check.Reset();
        return new CourseEnvironment.Facts(
        [
            ("Lesson", name),
            ("Runtime", CourseEnvironment.Runtime),
            ("NetworkingLessons library", CourseEnvironment.LibraryVersion),
            ("Mode", CourseEnvironment.Mode),
        ]);
    }
}
