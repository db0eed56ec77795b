using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace NetworkingLessons.Display;

/// <summary>
/// Rows of records shown as a table: HTML in a notebook, aligned columns as plain text. Columns
/// come from the records' public properties (or a tuple's fields), in declaration order. A cell
/// longer than <see cref="MaxCellLength"/> is shortened, saying how long it was, so that one long
/// value cannot make the table too wide to read; the HTML keeps the whole text as a tooltip.
/// </summary>
public sealed class Table
{
    /// <summary>The longest a cell is shown; longer ones keep their start and their length.</summary>
    public const int MaxCellLength = 72;

    private Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, bool[] numeric, int? cellLimit = MaxCellLength)
    {
        Columns = columns;
        Rows = rows;
        _numeric = numeric;
        _cellLimit = cellLimit;
    }

    private readonly bool[] _numeric;
    private readonly int? _cellLimit;

    /// <summary>The same table with cells shortened past <paramref name="maxLength"/> characters, or never (null): for tables of messages meant to be read whole.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is under 24.</exception>
    public Table WithCellLimit(int? maxLength)
    {
        if (maxLength is < 24)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "A cell limit under 24 characters leaves no room for the text.");
        }
        return new Table(Columns, Rows, _numeric, maxLength);
    }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The cells, as text, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>A table of <paramref name="records"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    public static Table Of<T>(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var type = typeof(T);
        var list = records.ToList();
        if (IsScalar(type))
        {
            return new Table(["Value"], [.. list.Select(r => (IReadOnlyList<string>)[Cell(r)])], [IsNumeric(type)]);
        }
        var members = Members(type);
        var rows = list.Select(r => (IReadOnlyList<string>)[.. members.Select(m => r is null ? "" : Cell(m.Get(r)))]).ToList();
        return new Table([.. members.Select(m => m.Name)], rows, [.. members.Select(m => IsNumeric(m.Type))]);
    }

    /// <summary>HTML and aligned text.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle()
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var column in Columns)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var shown = Shorten(row[i]);
                html.Append(_numeric[i] ? "<td style=\"text-align:right\"" : "<td style=\"text-align:left\"")
                    .Append(shown == row[i] ? ">" : $" title=\"{WebUtility.HtmlEncode(row[i])}\">")
                    .Append(WebUtility.HtmlEncode(shown)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return new Dictionary<string, string> { ["text/plain"] = ToString(), ["text/html"] = html.ToString() };
    }

    /// <summary>Columns padded to line up; numbers to the right.</summary>
    public override string ToString()
    {
        var rows = Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Shorten)]).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => _numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        var lines = new List<string> { Line(Columns), string.Join("  ", widths.Select(w => new string('-', w))) };
        lines.AddRange(rows.Select(Line));
        return string.Join('\n', lines);
    }

    /// <summary>A cell as shown: itself, or its start and its length when it is longer than the table's limit.</summary>
    private string Shorten(string cell)
    {
        if (_cellLimit is not int limit || cell.Length <= limit)
        {
            return cell;
        }
        var note = $"… ({cell.Length.ToString(CultureInfo.InvariantCulture)} characters)";
        return cell[..(limit - note.Length)] + note;
    }

    private sealed record Member(string Name, Type Type, Func<object, object?> Get);

    private static List<Member> Members(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => new Member(p.Name, p.PropertyType, p.GetValue));
        // Value tuples keep their values in fields (Item1, …); named elements are lost at run time.
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => new Member(f.Name, f.FieldType, f.GetValue));
        return [.. properties.Concat(fields)];
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(IPAddress)
        || type == typeof(DateTime) || type == typeof(TimeSpan) || Nullable.GetUnderlyingType(type) is { } inner && IsScalar(inner);

    private static bool IsNumeric(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(decimal) || (t.IsPrimitive && t != typeof(bool) && t != typeof(char)));

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Cell)),
        _ => value.ToString() ?? "",
    };
}
