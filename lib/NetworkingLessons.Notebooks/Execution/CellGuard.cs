using System.ComponentModel;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// What the engine inserts into cell code so that a cell stops when it times out or is cancelled:
/// a check at the top of every loop body and before every <c>goto</c>, and the cell's token
/// passed to every call that takes one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellGuard
{
    /// <summary>Throws when the running cell has been cancelled or has timed out.</summary>
    /// <exception cref="OperationCanceledException">The cell's time is up.</exception>
    public static void Check()
    {
        if (ExecutionScope.Current is { Token.IsCancellationRequested: true } context)
        {
            context.Blocked.NoteLoop();
            context.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The token that is cancelled when the running cell is stopped; none outside a cell.</summary>
    public static CancellationToken Token => ExecutionScope.Current?.Token ?? CancellationToken.None;
}
