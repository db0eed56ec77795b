using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Notebooks.Display;

/// <summary>
/// What <c>display(x)</c> returns: a handle on that output. It shows nothing itself, so a cell that
/// ends in <c>display(x)</c> shows the value once, as in Polyglot Notebooks; <see cref="Update"/>
/// replaces what the output shows, in place, even from a later cell or a background task.
/// </summary>
public sealed class DisplayedValue
{
    private readonly ExecutionScope _scope;
    private readonly Lock _gate = new();
    private MimeBundle _bundle;

    internal DisplayedValue(MimeBundle bundle, string displayId, ExecutionScope scope)
    {
        _bundle = bundle;
        DisplayId = displayId;
        _scope = scope;
    }

    /// <summary>What the output shows now.</summary>
    public MimeBundle Bundle
    {
        get
        {
            lock (_gate)
            {
                return _bundle;
            }
        }
    }

    /// <summary>The output's id, as Jupyter's <c>display_id</c>.</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="value"/> in place of what this output showed (Jupyter's <c>update_display_data</c>).</summary>
    /// <param name="value">The new value, formatted as <c>display</c> formats it.</param>
    /// <param name="mimeTypes">When given, only these representations (and text/plain).</param>
    public void Update(object? value, params string[] mimeTypes)
    {
        var bundle = Formatter.Format(value, mimeTypes);
        lock (_gate)
        {
            _bundle = bundle;
        }
        _scope.Update(DisplayId, bundle);
    }

    /// <inheritdoc />
    public override string ToString() => Bundle.Text;
}
