using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Cli.Grading;

/// <summary>Writes grades as grades.csv (one row per exercise) and grades.json (everything, messages included).</summary>
internal static class GradeReport
{
    public const string CsvFile = "grades.csv";
    public const string JsonFile = "grades.json";

    public static void Write(IReadOnlyList<LessonGrade> grades, string folder)
    {
        Directory.CreateDirectory(folder);
        var csv = new StringBuilder("student,lesson,exercise,points,max_points,status\n");
        foreach (var grade in grades)
        {
            foreach (var outcome in grade.Exercises)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{Field(grade.Student)},{Field(grade.Lesson)},{outcome.Exercise.Number},{outcome.Points},{outcome.Exercise.Points},{Field(outcome.Label)}\n");
            }
        }
        File.WriteAllText(Path.Combine(folder, CsvFile), csv.ToString());

        var json = new JsonObject
        {
            ["grades"] = new JsonArray([.. grades.Select(g => (JsonNode)new JsonObject
            {
                ["student"] = g.Student,
                ["lesson"] = g.Lesson,
                ["status"] = g.Status,
                ["points"] = g.Points,
                ["maxPoints"] = g.MaxPoints,
                ["exercises"] = new JsonArray([.. g.Exercises.Select(e => (JsonNode)new JsonObject
                {
                    ["number"] = e.Exercise.Number,
                    ["title"] = e.Exercise.Title,
                    ["points"] = e.Points,
                    ["maxPoints"] = e.Exercise.Points,
                    ["status"] = e.Label,
                    ["message"] = e.Message,
                })]),
            })]),
        };
        File.WriteAllText(Path.Combine(folder, JsonFile), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    // RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside.
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
