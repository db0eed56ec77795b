using System.Collections;

namespace NetworkingLessons.Notebooks.Display;

/// <summary>
/// One value rendered in several MIME types, richest last to choose from: what Jupyter calls a
/// MIME bundle. <c>text/plain</c> is always present so that every front end, including a
/// terminal, has something to show.
/// </summary>
public sealed class MimeBundle : IReadOnlyDictionary<string, string>
{
    /// <summary>The plain-text MIME type every bundle carries.</summary>
    public const string PlainText = "text/plain";

    // Richest first: what a browser-like front end should prefer.
    private static readonly string[] Preference =
        ["text/html", "image/svg+xml", "text/markdown", "application/json", PlainText];

    private readonly SortedDictionary<string, string> _data = new(StringComparer.Ordinal);

    /// <summary>Creates a bundle from MIME type / content pairs.</summary>
    /// <exception cref="ArgumentException">No <c>text/plain</c> entry, or a MIME type without a slash.</exception>
    public MimeBundle(IEnumerable<KeyValuePair<string, string>> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var (mime, content) in data)
        {
            if (string.IsNullOrWhiteSpace(mime) || !mime.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{mime}' is not a MIME type (expected type/subtype).", nameof(data));
            }
            _data[mime] = content ?? string.Empty;
        }
        if (!_data.ContainsKey(PlainText))
        {
            throw new ArgumentException("A MIME bundle needs a text/plain representation.", nameof(data));
        }
    }

    /// <summary>True for the MIME types whose content is JSON (<c>application/json</c>, <c>…+json</c>): nbformat and Jupyter messages carry them as JSON, not text.</summary>
    public static bool IsJsonType(string mime)
    {
        ArgumentNullException.ThrowIfNull(mime);
        return mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);
    }

    /// <summary>A bundle holding only plain text.</summary>
    public static MimeBundle FromText(string text) => new([new(PlainText, text)]);

    /// <summary>A bundle with plain text and one richer representation.</summary>
    public static MimeBundle Of(string text, string mimeType, string content) =>
        new([new(PlainText, text), new(mimeType, content)]);

    /// <summary>The plain-text representation.</summary>
    public string Text => _data[PlainText];

    /// <summary>The richest representation a browser can show: HTML, then SVG, markdown, JSON, plain text.</summary>
    public KeyValuePair<string, string> Richest
    {
        get
        {
            foreach (var mime in Preference)
            {
                if (_data.TryGetValue(mime, out var content))
                {
                    return new(mime, content);
                }
            }
            return new(PlainText, Text);
        }
    }

    /// <inheritdoc />
    public string this[string key] => _data[key];
    /// <inheritdoc />
    public IEnumerable<string> Keys => _data.Keys;
    /// <inheritdoc />
    public IEnumerable<string> Values => _data.Values;
    /// <inheritdoc />
    public int Count => _data.Count;
    /// <inheritdoc />
    public bool ContainsKey(string key) => _data.ContainsKey(key);
    /// <inheritdoc />
    public bool TryGetValue(string key, out string value) => _data.TryGetValue(key, out value!);
    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _data.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Two bundles are equal when they hold the same types with the same content.</summary>
    public override bool Equals(object? obj) =>
        obj is MimeBundle other && _data.Count == other._data.Count &&
        _data.All(kv => other._data.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_data.Count, Text);

    /// <inheritdoc />
    public override string ToString() => Text;
}
