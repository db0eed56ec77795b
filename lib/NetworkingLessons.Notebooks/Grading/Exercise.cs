namespace NetworkingLessons.Notebooks.Grading;

/// <summary>One exercise of a lesson, found from its "### Exercise N: Title (P points)" heading.</summary>
/// <param name="Number">The exercise number, as the heading gives it.</param>
/// <param name="Title">The title after the number.</param>
/// <param name="Points">What it is worth (1 unless the heading says "(N points)").</param>
/// <param name="Cells">The 0-based indexes of its code cells: answers and checks.</param>
/// <param name="AnswerCells">The 0-based indexes of the cells holding an answer (a solution block).</param>
public sealed record Exercise(int Number, string Title, int Points, IReadOnlyList<int> Cells, IReadOnlyList<int> AnswerCells)
{
    /// <summary>"Exercise 2: Dotted quad to number".</summary>
    public string Name => $"Exercise {Number}: {Title}";

    /// <summary>The cells that check the answers.</summary>
    public IEnumerable<int> CheckCells => Cells.Except(AnswerCells);

    /// <summary>Equal when every field is, cell lists compared in order: two maps of the same notebook agree.</summary>
    public bool Equals(Exercise? other) =>
        other is not null && Number == other.Number && Title == other.Title && Points == other.Points
        && Cells.SequenceEqual(other.Cells) && AnswerCells.SequenceEqual(other.AnswerCells);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Number, Title, Points);
}
