namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// A new kernel started during a run because a cell could not be stopped: what the cells before it
/// declared is gone, and the cells after it ran without it.
/// </summary>
/// <param name="AfterCell">The 1-based position of the cell that could not be stopped.</param>
/// <param name="LostCells">The cells whose state was lost with the old kernel (1-based positions).</param>
public sealed record KernelRestart(int AfterCell, IReadOnlyList<int> LostCells);
