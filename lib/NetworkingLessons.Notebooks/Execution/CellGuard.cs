using System.ComponentModel;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Called at the top of every loop body in cell code (the engine inserts the call), so that a cell
/// stuck in a loop stops when it times out or is cancelled, instead of spinning on.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellGuard
{
    /// <summary>Throws when the running cell has been cancelled or has timed out.</summary>
    /// <exception cref="OperationCanceledException">The cell's time is up.</exception>
    public static void Check() => ExecutionScope.Current?.Token.ThrowIfCancellationRequested();
}
