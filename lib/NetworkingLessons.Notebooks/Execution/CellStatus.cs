namespace NetworkingLessons.Notebooks.Execution;

/// <summary>How a cell's run ended.</summary>
public enum CellStatus
{
    /// <summary>It ran to the end.</summary>
    Completed,
    /// <summary>It did not compile.</summary>
    CompilationError,
    /// <summary>It threw an exception.</summary>
    Exception,
    /// <summary>It ran past its timeout and was stopped.</summary>
    TimedOut,
    /// <summary>It was cancelled (Ctrl+C).</summary>
    Cancelled,
    /// <summary>It used something this engine does not support (a magic command, a NuGet reference, another language).</summary>
    Unsupported,
}
