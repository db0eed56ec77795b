namespace NetworkingLessons.Notebooks.Execution;

/// <summary>How <see cref="NotebookRunner"/> runs a whole notebook.</summary>
public sealed record RunOptions
{
    /// <summary>How long one cell may run.</summary>
    public TimeSpan CellTimeout { get; init; } = KernelOptions.DefaultCellTimeout;

    /// <summary>
    /// Decides whether the run goes on after a cell fails (given the cell's 0-based index and its
    /// run). By default it does not: a failing cell ends the run, as Run All does.
    /// </summary>
    public Func<int, CellRun, bool>? ContinueAfterFailure { get; init; }

    /// <summary>Called after each code cell finishes, with the notebook's cell count.</summary>
    public Action<CellRun, int>? CellCompleted { get; init; }

    /// <summary>Called with each output as it is produced.</summary>
    public Action<int, Documents.CellOutput>? Output { get; init; }

    /// <summary>Called when a display is replaced in place (the executed copy gets the new content).</summary>
    public Action<Documents.UpdateDisplayDataOutput>? DisplayUpdated { get; init; }

    /// <summary>Where <c>Console.ReadLine()</c> in a cell gets its line; see <see cref="KernelOptions.ReadInput"/>.</summary>
    public Func<string, CancellationToken, string?>? ReadInput { get; init; }
}
