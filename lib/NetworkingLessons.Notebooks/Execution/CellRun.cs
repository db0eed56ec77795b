using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>The outcome of running one cell.</summary>
/// <param name="CellNumber">The cell's 1-based position in its notebook.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Outputs">What the cell produced, in order.</param>
/// <param name="ExecutionCount">The kernel's count for this run.</param>
/// <param name="Duration">Wall time from submission to result.</param>
public sealed record CellRun(int CellNumber, CellStatus Status, IReadOnlyList<CellOutput> Outputs, int ExecutionCount, TimeSpan Duration)
{
    /// <summary>True when the cell ran to the end.</summary>
    public bool Succeeded => Status == CellStatus.Completed;

    /// <summary>The line of the cell where it failed, when known.</summary>
    public int? ErrorLine { get; init; }

    /// <summary>
    /// True when the notebook says this cell is meant to fail (nbconvert's <c>raises-exception</c>
    /// tag): its error is shown, but does not count as the notebook failing.
    /// </summary>
    public bool RaisesException { get; init; }

    /// <summary>The cell as the executed notebook and the HTML label it: "In [3]".</summary>
    public string Label => $"In [{ExecutionCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";

    /// <summary>The failure in one line ("Cell In [3] `first line`, line 2: …"), or null on success.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The message of the exception that ended the cell, if one did.</summary>
    public string? ExceptionMessage { get; init; }

    /// <summary>The full name of the exception that ended the cell, if one did.</summary>
    public string? ExceptionType { get; init; }
}
