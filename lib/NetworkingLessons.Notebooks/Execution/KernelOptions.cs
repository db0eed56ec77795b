namespace NetworkingLessons.Notebooks.Execution;

/// <summary>How a <see cref="NotebookKernel"/> runs cells.</summary>
public sealed record KernelOptions
{
    /// <summary>The default time a cell may run.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The folder that relative <c>#r</c> and <c>#load</c> paths start from: the notebook's own folder.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The notebook's file name, used in error messages and stack traces.</summary>
    public string NotebookName { get; init; } = "notebook";

    /// <summary>How long one cell may run before it is stopped.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>How long a stopped cell gets to wind down before the engine gives up on it.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Where <c>Console.ReadLine()</c> in a cell gets its line: called with a prompt and the cell's
    /// token, returns the line or null (no input). Jupyter front ends ask the user; by default the
    /// line comes from this process's standard input.
    /// </summary>
    public Func<string, CancellationToken, string?>? ReadInput { get; init; }
}
