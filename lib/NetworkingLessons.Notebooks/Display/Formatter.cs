using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace NetworkingLessons.Notebooks.Display;

/// <summary>
/// Turns any value into a <see cref="MimeBundle"/>. A type renders itself richly by having a public
/// parameterless method <c>ToMimeBundle()</c> returning a dictionary of MIME type to content with a
/// <c>text/plain</c> entry (the convention IPython calls <c>_repr_mimebundle_</c>): that is how the
/// helper library's tables, hex dumps and charts show, without depending on this engine.
/// </summary>
public static class Formatter
{
    private const int MaxItems = 20;
    private const int MaxDepth = 2;

    /// <summary>Formats <paramref name="value"/>, richest form first; never throws for a value that misbehaves.</summary>
    /// <param name="value">Anything; <see langword="null"/> shows as <c>&lt;null&gt;</c>.</param>
    /// <param name="mimeTypes">When given, keep only these types (and text/plain).</param>
    public static MimeBundle Format(object? value, params string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        var bundle = value switch
        {
            MimeBundle b => b,
            DisplayedValue d => d.Bundle,
            _ => FromConvention(value) ?? MimeBundle.FromText(ToText(value)),
        };
        if (mimeTypes.Length == 0)
        {
            return bundle;
        }
        return new MimeBundle(bundle.Where(kv => kv.Key == MimeBundle.PlainText || mimeTypes.Contains(kv.Key)));
    }

    /// <summary>The plain-text form: strings as they are, numbers in the invariant culture, sequences as lists, plain objects as their public properties.</summary>
    public static string ToText(object? value)
    {
        var text = new StringBuilder();
        Append(text, value, 0);
        return text.ToString();
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

    private static void Append(StringBuilder text, object? value, int depth)
    {
        switch (value)
        {
            case null:
                text.Append("<null>");
                return;
            case string s:
                text.Append(depth == 0 ? s : $"\"{s}\"");
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum:
                text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary when depth < MaxDepth:
                AppendItems(text, dictionary.Cast<DictionaryEntry>().Select(e => (object?)e), depth, "{ ", " }",
                    (t, e, d) => { var entry = (DictionaryEntry)e!; Append(t, entry.Key, d); t.Append(": "); Append(t, entry.Value, d); });
                return;
            case IEnumerable sequence when depth < MaxDepth:
                AppendItems(text, sequence.Cast<object?>(), depth, "[ ", " ]", Append);
                return;
        }
        string? own;
        try
        {
            own = value.ToString();
        }
        catch (Exception ex)
        {
            text.Append($"<{value.GetType().Name}.ToString() failed: {ex.Message}>");
            return;
        }
        if (own != value.GetType().ToString() || depth >= MaxDepth)
        {
            text.Append(own);
            return;
        }
        // The type did not say how to show itself: show its public properties, as records do.
        text.Append(value.GetType().Name).Append(" { ");
        var first = true;
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            text.Append(first ? "" : ", ").Append(property.Name).Append(" = ");
            first = false;
            try
            {
                Append(text, property.GetValue(value), depth + 1);
            }
            catch (TargetInvocationException ex)
            {
                text.Append($"<{ex.InnerException?.GetType().Name}>");
            }
        }
        text.Append(first ? "}" : " }");
    }

    private static void AppendItems(StringBuilder text, IEnumerable<object?> items, int depth, string open, string close,
        Action<StringBuilder, object?, int> appendItem)
    {
        var count = 0;
        text.Append(open);
        foreach (var item in items)
        {
            if (count == MaxItems)
            {
                text.Append(", …");
                break;
            }
            text.Append(count == 0 ? "" : ", ");
            appendItem(text, item, depth + 1);
            count++;
        }
        if (count == 0)
        {
            text.Length -= open.Length;
            text.Append(open.Trim()).Append(close.Trim());
            return;
        }
        text.Append(close);
    }
}
