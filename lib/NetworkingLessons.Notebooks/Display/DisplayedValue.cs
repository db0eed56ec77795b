namespace NetworkingLessons.Notebooks.Display;

/// <summary>
/// What <c>display(x)</c> returns. It shows nothing itself, so a cell that ends in <c>display(x)</c>
/// shows the value once, as in Polyglot Notebooks.
/// </summary>
public sealed class DisplayedValue
{
    internal DisplayedValue(MimeBundle bundle) => Bundle = bundle;

    /// <summary>What was displayed.</summary>
    public MimeBundle Bundle { get; }

    /// <inheritdoc />
    public override string ToString() => Bundle.Text;
}
