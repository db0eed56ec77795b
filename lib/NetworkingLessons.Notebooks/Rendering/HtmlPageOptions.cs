namespace NetworkingLessons.Notebooks.Rendering;

/// <summary>How <see cref="NotebookHtml"/> renders a page.</summary>
public sealed record HtmlPageOptions
{
    /// <summary>The page title.</summary>
    public string Title { get; init; } = "Notebook";

    /// <summary>HTML put above the notebook (a grade table, a navigation bar).</summary>
    public string? Header { get; init; }

    /// <summary>
    /// Whether outputs may run scripts (interactive charts). Off, a Content-Security-Policy blocks
    /// every script: the right choice for pages showing code someone else wrote, like feedback.
    /// </summary>
    public bool AllowScripts { get; init; }

    /// <summary>
    /// Show each output that is markup (HTML, SVG, markdown) in a sandboxed frame of its own, as
    /// pages showing someone else's outputs must: its styles cannot restyle the page, and it can
    /// neither run scripts, submit forms nor navigate the page away.
    /// </summary>
    public bool IsolateOutputs { get; init; }

    /// <summary>Rewrite links to other notebooks (<c>x.ipynb</c>) as links to their pages (<c>x.html</c>).</summary>
    public bool LinkNotebooksAsPages { get; init; }

    /// <summary>Extra elements for the page's head, such as a script that outputs need.</summary>
    public string? Head { get; init; }
}
