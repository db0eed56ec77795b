using System.Net;
using System.Text;

namespace NetworkingLessons.Notebooks.Rendering;

/// <summary>
/// The one builder of the HTML tables on the pages this project writes (the site's index, the
/// feedback pages): text cells are always encoded, and only <see cref="Markup"/> is inserted as it is.
/// </summary>
public sealed class HtmlTable
{
    private readonly StringBuilder _html = new();

    /// <summary>Starts a table with <paramref name="headers"/> as its column headings.</summary>
    public HtmlTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _html.Append("<table><thead><tr>");
        foreach (var header in headers)
        {
            _html.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }
        _html.Append("</tr></thead><tbody>");
    }

    /// <summary>Markup this project made itself (a link), put in a cell as it is.</summary>
    /// <param name="Html">The markup.</param>
    public readonly record struct Markup(string Html);

    /// <summary>Adds a row: strings and numbers are written as text, <see cref="Markup"/> as markup.</summary>
    public HtmlTable AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _html.Append("<tr>");
        foreach (var cell in cells)
        {
            _html.Append("<td>").Append(cell switch
            {
                Markup m => m.Html,
                IFormattable f => WebUtility.HtmlEncode(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)),
                _ => WebUtility.HtmlEncode(cell?.ToString() ?? ""),
            }).Append("</td>");
        }
        _html.Append("</tr>");
        return this;
    }

    /// <summary>A link, with its address and text encoded.</summary>
    public static Markup Link(string href, string text) =>
        new($"<a href=\"{WebUtility.HtmlEncode(href)}\">{WebUtility.HtmlEncode(text)}</a>");

    /// <summary>The table's markup.</summary>
    public override string ToString() => _html + "</tbody></table>";
}
