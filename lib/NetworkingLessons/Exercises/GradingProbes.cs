using System.Text.Json.Nodes;

namespace NetworkingLessons.Exercises;

/// <summary>
/// Where a graded notebook's checks write what they found, for the autograder to judge in its own
/// process: one JSON object per line, to the file <see cref="CourseVariables.GradingProbes"/> names.
/// </summary>
internal static class GradingProbes
{
    private static readonly Lock Gate = new();

    /// <summary>Whether this is a graded run: the autograder has named the file the checks write to.</summary>
    public static bool Active => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CourseVariables.GradingProbes));

    public static void Write(JsonObject probe)
    {
        var path = Environment.GetEnvironmentVariable(CourseVariables.GradingProbes);
        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidOperationException($"This check is the autograder's own; it runs only where {CourseVariables.GradingProbes} names its file.");
        }
        var line = probe.ToJsonString() + "\n";
        lock (Gate)
        {
            File.AppendAllText(path, line);
        }
    }
}
