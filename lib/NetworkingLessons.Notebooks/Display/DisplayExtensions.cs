using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Notebooks.Display;

/// <summary>
/// The display calls Polyglot Notebooks offers as extension methods: <c>x.Display()</c> and
/// <c>"…".DisplayAs("text/markdown")</c>. Imported into every cell.
/// </summary>
public static class DisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> in the running cell's output.</summary>
    /// <param name="value">The value to show.</param>
    /// <param name="mimeTypes">When given, only these representations (and text/plain).</param>
    /// <exception cref="InvalidOperationException">Called outside a running notebook cell.</exception>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        ExecutionScope.Require().Show(Formatter.Format(value, mimeTypes));

    /// <summary>Shows <paramref name="content"/> as the given MIME type, e.g. <c>text/markdown</c> or <c>text/html</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="mimeType"/> is not of the form type/subtype.</exception>
    /// <exception cref="InvalidOperationException">Called outside a running notebook cell.</exception>
    public static DisplayedValue DisplayAs(this string content, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        return ExecutionScope.Require().Show(mimeType == MimeBundle.PlainText
            ? MimeBundle.FromText(content)
            : MimeBundle.Of(content, mimeType, content));
    }
}
