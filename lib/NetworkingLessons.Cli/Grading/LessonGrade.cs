using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Cli.Grading;

/// <summary>One student's grade for one lesson.</summary>
/// <param name="Student">The submission folder's name.</param>
/// <param name="Lesson">The lesson's file name without extension.</param>
/// <param name="Status">"graded", "not submitted", "invalid notebook: …", "timed out after N s", "crashed (exit code N)".</param>
/// <param name="Exercises">Each exercise's outcome.</param>
internal sealed record LessonGrade(string Student, string Lesson, string Status, IReadOnlyList<ExerciseOutcome> Exercises)
{
    public int Points => Exercises.Sum(e => e.Points);

    public int MaxPoints => Exercises.Sum(e => e.Exercise.Points);
}
