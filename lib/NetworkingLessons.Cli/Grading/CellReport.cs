using System.Text.Json;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Cli.Grading;

/// <summary>One line of a grading worker's report: how one cell's run ended. One JSON object per line, written as each cell finishes.</summary>
internal sealed record CellReport(int Cell, CellStatus Status, int? Line, string? ExceptionType, string? ExceptionMessage, string? ErrorMessage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CellReport From(CellRun run) =>
        new(run.CellNumber, run.Status, run.ErrorLine, run.ExceptionType, run.ExceptionMessage, run.ErrorMessage);

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The reports in a file written by a worker that may be hostile: null when the file is over
    /// <paramref name="maxBytes"/>, repeats a cell, or names a cell the notebook does not have;
    /// a last line cut short (a killed worker) is skipped.
    /// </summary>
    public static List<CellReport>? ReadChecked(string path, long maxBytes, int codeCells, int cells)
    {
        if (WorkerFile.Lines(path, maxBytes) is not { } lines)
        {
            return null;
        }
        var reports = new List<CellReport>();
        foreach (var line in lines)
        {
            try
            {
                if (JsonSerializer.Deserialize<CellReport>(line, Json) is { } report)
                {
                    reports.Add(report);
                }
            }
            catch (JsonException)
            {
                break;
            }
        }
        var seen = new HashSet<int>();
        return reports.Count <= codeCells && reports.All(r => r.Cell >= 1 && r.Cell <= cells && seen.Add(r.Cell)) ? reports : null;
    }

    public CellRun ToCellRun() => new(Cell, Status, [], 0, TimeSpan.Zero)
    {
        ErrorLine = Line,
        ExceptionType = ExceptionType,
        ExceptionMessage = ExceptionMessage,
        ErrorMessage = ErrorMessage,
    };
}
