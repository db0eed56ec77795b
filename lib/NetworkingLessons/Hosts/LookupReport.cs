namespace NetworkingLessons.Hosts;

/// <summary>The rows of <see cref="Resolver.LookupAllAsync"/>, shown as a table.</summary>
public sealed class LookupReport(IList<LookupResult> rows) : System.Collections.ObjectModel.ReadOnlyCollection<LookupResult>(rows)
{
    /// <summary>The rows as a table.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => Display.Table.Of(this).ToMimeBundle();

    /// <inheritdoc />
    public override string ToString() => Display.Table.Of(this).ToString();
}
