namespace NetworkingLessons.Notebooks.Display;

/// <summary>An HTML fragment, as returned by <c>HTML("…")</c> in a cell; it displays as <c>text/html</c>.</summary>
/// <param name="Html">The markup, shown unescaped.</param>
public sealed record HtmlContent(string Html)
{
    /// <summary>The fragment as a MIME bundle (the markup also stands as its plain text).</summary>
    public MimeBundle ToMimeBundle() => MimeBundle.Of(Html, "text/html", Html);

    /// <inheritdoc />
    public override string ToString() => Html;
}
