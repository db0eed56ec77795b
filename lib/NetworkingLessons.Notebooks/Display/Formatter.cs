using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace NetworkingLessons.Notebooks.Display;

/// <summary>
/// Turns any value into a <see cref="MimeBundle"/>, as Polyglot Notebooks does: objects, records,
/// anonymous objects and tuples as an HTML table of their properties; sequences as one row per
/// item; dictionaries as one row per key; nested values as nested tables; each with a readable
/// <c>text/plain</c>. Item and property limits, nesting depth and cycles are cut short, never
/// followed for ever. A type renders itself richly instead by having a public parameterless method
/// <c>ToMimeBundle()</c> returning a dictionary of MIME type to content with a <c>text/plain</c>
/// entry (the convention IPython calls <c>_repr_mimebundle_</c>): that is how the helper library's
/// tables, hex dumps and charts show, without depending on this engine.
/// </summary>
public static class Formatter
{
    /// <summary>How many items of a sequence, or entries of a dictionary, are shown (Polyglot's ListExpansionLimit).</summary>
    public const int ListExpansionLimit = 20;

    /// <summary>How many properties of an object are shown as columns.</summary>
    public const int MaxProperties = 20;

    /// <summary>How deep tables nest inside tables; deeper values show as one line of text.</summary>
    public const int MaxDepth = 3;

    private const int MaxCellText = 200;

    /// <summary>Formats <paramref name="value"/>, richest form first. Never throws: a value that cannot be formatted shows its <c>ToString()</c> and a note.</summary>
    /// <param name="value">Anything; <see langword="null"/> shows as <c>&lt;null&gt;</c>.</param>
    /// <param name="mimeTypes">When given, the representations asked for (and text/plain).</param>
    public static MimeBundle Format(object? value, params string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        MimeBundle bundle;
        try
        {
            bundle = value switch
            {
                MimeBundle b => b,
                DisplayedValue d => d.Bundle,
                _ => FromConvention(value) ?? Default(value),
            };
        }
        catch (Exception ex)
        {
            var type = value?.GetType().Name ?? "null";
            bundle = MimeBundle.FromText($"{ValueShape.ScalarText(value)}\n(this {type} could not be formatted: {ex.GetType().Name}: {ex.Message})");
        }
        return mimeTypes.Length == 0 ? bundle : Select(bundle, value, mimeTypes);
    }

    /// <summary>
    /// Formats a value tuple whose elements the code named (<c>(Port: 80, Name: "http")</c>): the
    /// names, which only the compiler knows, head its columns in place of Item1, Item2.
    /// </summary>
    internal static MimeBundle Format(object? value, IReadOnlyList<string>? tupleNames)
    {
        if (tupleNames is null || value is not System.Runtime.CompilerServices.ITuple tuple || tuple.Length != tupleNames.Count)
        {
            return Format(value);
        }
        try
        {
            var named = Enumerable.Range(0, tuple.Length).Select(i => KeyValuePair.Create(tupleNames[i], tuple[i])).ToList();
            var html = new StringBuilder("<table><thead><tr>");
            foreach (var (name, _) in named)
            {
                html.Append("<th>").Append(Encode(name)).Append("</th>");
            }
            html.Append("</tr></thead><tbody><tr>");
            var path = new HashSet<object>(ReferenceEqualityComparer.Instance);
            foreach (var (_, item) in named)
            {
                html.Append("<td>");
                AppendHtml(html, item, 1, path);
                html.Append("</td>");
            }
            html.Append("</tr></tbody></table>");
            var text = "(" + string.Join(", ", named.Select(n => $"{n.Key}: {Nested(n.Value)}")) + ")";
            return MimeBundle.Of(text, "text/html", html.ToString());
        }
        catch (Exception)
        {
            return Format(value);
        }

        static string Nested(object? item)
        {
            var text = new StringBuilder();
            AppendText(text, item, 1, new HashSet<object>(ReferenceEqualityComparer.Instance));
            return text.ToString();
        }
    }

    /// <summary>The plain-text form: strings as they are, numbers in the invariant culture, sequences as lists, objects as their public properties.</summary>
    public static string ToText(object? value)
    {
        var text = new StringBuilder();
        AppendText(text, value, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return text.ToString();
    }

    /// <summary>The HTML form: a table for objects, sequences and dictionaries; encoded text for anything else.</summary>
    public static string ToHtml(object? value)
    {
        var html = new StringBuilder();
        AppendHtml(html, value, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return html.ToString();
    }

    private static MimeBundle Default(object? value) =>
        ValueShape.Of(value) == ValueShape.Kind.Scalar
            ? MimeBundle.FromText(ToText(value))
            : MimeBundle.Of(ToText(value), "text/html", ToHtml(value));

    // display(x, "text/html"): keep what the value offers of the types asked for; a string asked for
    // as a type it does not offer is taken to be content of that type.
    private static MimeBundle Select(MimeBundle bundle, object? value, string[] mimeTypes)
    {
        var kept = bundle.Where(kv => kv.Key == MimeBundle.PlainText || mimeTypes.Contains(kv.Key)).ToList();
        foreach (var mime in mimeTypes.Where(m => m != MimeBundle.PlainText && !bundle.ContainsKey(m)))
        {
            var content = (mime, value) switch
            {
                (_, string s) => s,
                ("text/html", _) => ToHtml(value),
                ("application/json", _) => System.Text.Json.JsonSerializer.Serialize(value),
                _ => null,
            };
            if (content is not null)
            {
                kept.Add(new(mime, content));
            }
        }
        return new MimeBundle(kept);
    }

    private static MimeBundle? FromConvention(object? value)
    {
        var method = value?.GetType().GetMethod("ToMimeBundle", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (method is null)
        {
            return null;
        }
        try
        {
            return method.Invoke(value, null) switch
            {
                MimeBundle b => b,
                IEnumerable<KeyValuePair<string, string>> pairs => new MimeBundle(pairs),
                _ => null,
            };
        }
        catch (Exception ex)
        {
            var inner = ex is TargetInvocationException { InnerException: { } i } ? i : ex;
            return MimeBundle.FromText($"<{value!.GetType().Name}.ToMimeBundle() failed: {inner.GetType().Name}: {inner.Message}>");
        }
    }

    private static void AppendText(StringBuilder text, object? value, int depth, HashSet<object> path)
    {
        var kind = ValueShape.Of(value);
        if (kind == ValueShape.Kind.Scalar)
        {
            text.Append(value is string s && depth > 0 ? $"\"{s}\"" : ValueShape.ScalarText(value));
            return;
        }
        if (depth >= MaxDepth)
        {
            text.Append(Summary(value!));
            return;
        }
        if (!path.Add(value!))
        {
            text.Append($"<cycle: {ValueShape.TypeName(value!.GetType())}>");
            return;
        }
        try
        {
            switch (kind)
            {
                case ValueShape.Kind.Dictionary:
                    var (entries, moreEntries) = ValueShape.Entries(value!, ListExpansionLimit);
                    AppendItems(text, entries.Count, moreEntries, "{ ", " }", i =>
                    {
                        AppendText(text, entries[i].Key, depth + 1, path);
                        text.Append(": ");
                        AppendText(text, entries[i].Value, depth + 1, path);
                    });
                    return;
                case ValueShape.Kind.Sequence:
                    var (items, more) = ValueShape.Take((IEnumerable)value!, ListExpansionLimit);
                    AppendItems(text, items.Count, more, "[ ", " ]", i => AppendText(text, items[i], depth + 1, path));
                    return;
                case ValueShape.Kind.Structure when ValueShape.IsTuple(value!.GetType()):
                    var fields = ValueShape.Members(value!, MaxProperties);
                    text.Append('(');
                    for (var i = 0; i < fields.Count; i++)
                    {
                        text.Append(i == 0 ? "" : ", ");
                        AppendText(text, fields[i].Value, depth + 1, path);
                    }
                    text.Append(')');
                    return;
                default:
                    var members = ValueShape.Members(value!, MaxProperties);
                    text.Append(ValueShape.TypeName(value!.GetType())).Append(members.Count == 0 ? " { }" : " { ");
                    for (var i = 0; i < members.Count; i++)
                    {
                        text.Append(i == 0 ? "" : ", ").Append(members[i].Name).Append(" = ");
                        if (members[i].Problem is { } problem)
                        {
                            text.Append('<').Append(problem).Append('>');
                        }
                        else
                        {
                            AppendText(text, members[i].Value, depth + 1, path);
                        }
                    }
                    text.Append(members.Count == 0 ? "" : " }");
                    return;
            }
        }
        finally
        {
            path.Remove(value!);
        }
    }

    private static void AppendItems(StringBuilder text, int count, long? more, string open, string close, Action<int> appendItem)
    {
        if (count == 0)
        {
            text.Append(open.Trim()).Append(close.Trim());
            return;
        }
        text.Append(open);
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ", ");
            appendItem(i);
        }
        if (more != 0)
        {
            text.Append(more is long n ? $", … ({n.ToString("N0", CultureInfo.InvariantCulture)} more)" : ", …");
        }
        text.Append(close);
    }

    private static string Summary(object value) => value switch
    {
        ICollection c => $"{ValueShape.TypeName(value.GetType())} ({c.Count.ToString(CultureInfo.InvariantCulture)} items)",
        _ => ValueShape.TypeName(value.GetType()),
    };

    private static void AppendHtml(StringBuilder html, object? value, int depth, HashSet<object> path)
    {
        var kind = ValueShape.Of(value);
        if (kind == ValueShape.Kind.Scalar)
        {
            html.Append(value is null ? "<i>&lt;null&gt;</i>" : Encode(ValueShape.ScalarText(value)));
            return;
        }
        if (depth >= MaxDepth)
        {
            html.Append(Encode(Shorten(ToText(value))));
            return;
        }
        if (!path.Add(value!))
        {
            html.Append("<i>").Append(Encode($"<cycle: {ValueShape.TypeName(value!.GetType())}>")).Append("</i>");
            return;
        }
        try
        {
            switch (kind)
            {
                case ValueShape.Kind.Dictionary:
                    var (entries, moreEntries) = ValueShape.Entries(value!, ListExpansionLimit);
                    RowsTable(html, "key", [.. entries.Select(e => (e.Key, e.Value))], moreEntries, depth, path);
                    return;
                case ValueShape.Kind.Sequence:
                    var (items, more) = ValueShape.Take((IEnumerable)value!, ListExpansionLimit);
                    RowsTable(html, "index", [.. items.Select((item, i) => ((object?)i, item))], more, depth, path);
                    return;
                default:
                    var members = ValueShape.Members(value!, MaxProperties);
                    html.Append("<table><thead><tr>");
                    foreach (var member in members)
                    {
                        html.Append("<th>").Append(Encode(member.Name)).Append("</th>");
                    }
                    html.Append("</tr></thead><tbody><tr>");
                    foreach (var member in members)
                    {
                        html.Append("<td>");
                        MemberHtml(html, member, depth, path);
                        html.Append("</td>");
                    }
                    html.Append("</tr></tbody></table>");
                    return;
            }
        }
        finally
        {
            path.Remove(value!);
        }
    }

    // One row per item: the row's name (index or key), then the item's members as columns, or its value.
    private static void RowsTable(StringBuilder html, string first, List<(object? Name, object? Item)> rows, long? more, int depth, HashSet<object> path)
    {
        var columns = new List<string>();
        var rowMembers = new List<IReadOnlyList<ValueShape.Member>?>();
        var hasValues = false;
        foreach (var (_, item) in rows)
        {
            if (ValueShape.Of(item) == ValueShape.Kind.Structure && !path.Contains(item!))
            {
                var members = ValueShape.Members(item!, MaxProperties);
                rowMembers.Add(members);
                columns.AddRange(members.Select(m => m.Name).Where(n => !columns.Contains(n) && columns.Count < MaxProperties));
            }
            else
            {
                rowMembers.Add(null);
                hasValues = true;
            }
        }
        html.Append("<table><thead><tr><th><i>").Append(first).Append("</i></th>");
        if (hasValues || columns.Count == 0)
        {
            html.Append("<th>value</th>");
        }
        foreach (var column in columns)
        {
            html.Append("<th>").Append(Encode(column)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        for (var r = 0; r < rows.Count; r++)
        {
            html.Append("<tr><td>");
            AppendHtml(html, rows[r].Name, depth + 1, path);
            html.Append("</td>");
            if (hasValues || columns.Count == 0)
            {
                html.Append("<td>");
                if (rowMembers[r] is null)
                {
                    AppendHtml(html, rows[r].Item, depth + 1, path);
                }
                html.Append("</td>");
            }
            foreach (var column in columns)
            {
                html.Append("<td>");
                if (rowMembers[r]?.FirstOrDefault(m => m.Name == column) is { Name: not null } member)
                {
                    MemberHtml(html, member, depth, path);
                }
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        if (more != 0)
        {
            var span = 1 + columns.Count + (hasValues || columns.Count == 0 ? 1 : 0);
            var words = more is long n ? $"… ({n.ToString("N0", CultureInfo.InvariantCulture)} more)" : "… (more)";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"{span}\"><i>{words}</i></td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void MemberHtml(StringBuilder html, ValueShape.Member member, int depth, HashSet<object> path)
    {
        if (member.Problem is { } problem)
        {
            html.Append("<i>").Append(Encode($"<{problem}>")).Append("</i>");
            return;
        }
        AppendHtml(html, member.Value, depth + 1, path);
    }

    private static string Shorten(string text) => text.Length <= MaxCellText ? text : text[..(MaxCellText - 1)] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
