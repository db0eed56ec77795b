using System.Net;
using System.Text;

namespace NetworkingLessons.Exercises;

/// <summary>
/// Where each checked exercise of the current lesson stands: shown at the end of a lesson by
/// <see cref="Check.Summary"/> as a table (HTML in a notebook, aligned text elsewhere).
/// </summary>
public sealed class Scoreboard
{
    private readonly SortedDictionary<int, Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>The exercises checked so far, by number.</summary>
    public IReadOnlyList<(int Number, ExerciseStatus Status, string Message)> Results
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Values.Select(e => (e.Number, e.Status, e.Summary))];
            }
        }
    }

    internal Entry Start(int number)
    {
        lock (_gate)
        {
            return _entries[number] = new Entry(number);
        }
    }

    internal void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>The table as text and HTML.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle()
    {
        var results = Results;
        var table = Display.Table.Of(results.Select(r => new { Exercise = r.Number, Result = Label(r.Status), Details = r.Message })).WithCellLimit(null);
        var html = table.ToMimeBundle()["text/html"] + "<p>" + WebUtility.HtmlEncode(Totals(results)) + "</p>";
        return new Dictionary<string, string> { ["text/plain"] = ToString(), ["text/html"] = html };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var results = Results;
        var lines = results.Select(r => $"Exercise {r.Number}  {Label(r.Status),-7}  {r.Message}").ToList();
        lines.Add(Totals(results));
        return string.Join('\n', lines);
    }

    private static string Invariant(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Label(ExerciseStatus status) => status switch
    {
        ExerciseStatus.Passed => "✓ passed",
        ExerciseStatus.ToDo => "to do",
        _ => "✗ failed",
    };

    private static string Totals(IReadOnlyList<(int Number, ExerciseStatus Status, string Message)> results) =>
        results.Count == 0
            ? "No exercise has been checked yet: run the check cells."
            : $"{results.Count(r => r.Status == ExerciseStatus.Passed)} of {results.Count} checked exercises passed.";

    internal sealed class Entry(int number)
    {
        public int Number { get; } = number;
        public ExerciseStatus Status { get; private set; } = ExerciseStatus.Passed;
        public string Message { get; private set; } = "";

        public int ChecksPassed { get; set; }

        public void Record(ExerciseStatus status, string message)
        {
            Status = status;
            Message = message;
        }

        // Passing shows how much was checked; a failure keeps its message.
        public string Summary => Status == ExerciseStatus.Passed ? $"{ChecksPassed} checks passed" : Message;
    }
}
