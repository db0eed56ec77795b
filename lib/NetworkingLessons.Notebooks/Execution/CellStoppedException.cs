namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Thrown out of a blocking call (an accept, a receive, a sleep, a wait) when the engine stops the
/// cell that made it, because the cell timed out or was cancelled.
/// </summary>
public sealed class CellStoppedException : OperationCanceledException
{
    /// <summary>Creates the exception for a stop of <paramref name="call"/>.</summary>
    /// <param name="call">The call that was blocked, as "Type.Method".</param>
    /// <param name="how">How the call was ended, e.g. "its socket was closed".</param>
    /// <param name="inner">What the interrupted call threw, if anything.</param>
    /// <param name="token">The cell's token.</param>
    public CellStoppedException(string call, string? how, Exception? inner, CancellationToken token)
        : base($"The cell was stopped while blocked in {call}{(how is null ? "" : $" ({how})")}.", inner, token)
    {
        Call = call;
        How = how;
    }

    /// <summary>The call that was blocked, as "Type.Method".</summary>
    public string Call { get; }

    /// <summary>How the call was ended, when the engine had to do more than cancel it.</summary>
    public string? How { get; }
}
