using System.Diagnostics.CodeAnalysis;
using NetworkingLessons.Notebooks.Display;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// The functions every cell can call without a prefix, named as in Polyglot Notebooks so that the
/// same cells run there: <c>display(x)</c>, <c>HTML("…")</c> and <c>RegisterForDisposal(x)</c>.
/// </summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Polyglot Notebooks names it display().")]
public sealed class NotebookGlobals
{
    private readonly ExecutionScope _scope;

    internal NotebookGlobals(ExecutionScope scope) => _scope = scope;

    /// <summary>Shows a value in the cell's output, in its richest forms.</summary>
    /// <param name="value">The value to show.</param>
    /// <param name="mimeTypes">When given, only these representations (and text/plain).</param>
    public DisplayedValue display(object? value, params string[] mimeTypes) =>
        _scope.Show(Formatter.Format(value, mimeTypes));

    /// <summary>Wraps markup so that it displays as HTML.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="html"/> is null.</exception>
    [SuppressMessage("Naming", "CA1822", Justification = "Script globals are instance members.")]
    public HtmlContent HTML(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return new HtmlContent(html);
    }

    /// <summary>
    /// Clears what the cell has shown so far, as IPython's <c>clear_output</c> does: a loop that
    /// redraws a value calls it before each display. With <paramref name="wait"/>, a front end
    /// clears only when the next output arrives, so nothing flickers.
    /// </summary>
    public void ClearOutput(bool wait = false) => _scope.Clear(wait);

    /// <summary>
    /// Has the engine dispose <paramref name="value"/> when the notebook ends, whether it succeeds
    /// or fails: use it for servers and listeners a cell starts. Returns the value.
    /// </summary>
    /// <exception cref="ArgumentException">The value is neither IDisposable nor IAsyncDisposable.</exception>
    public T RegisterForDisposal<T>(T value) where T : class => _scope.Register(value);
}
