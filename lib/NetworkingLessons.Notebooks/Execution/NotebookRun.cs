using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>The outcome of running a notebook: each code cell's run and the executed copy with outputs.</summary>
public sealed class NotebookRun
{
    internal NotebookRun(string path, Notebook executed, IReadOnlyList<CellRun> cells, TimeSpan duration, IReadOnlyList<string> cleanupErrors)
    {
        Path = path;
        Executed = executed;
        Cells = cells;
        Duration = duration;
        CleanupErrors = cleanupErrors;
    }

    /// <summary>The notebook's file.</summary>
    public string Path { get; }

    /// <summary>A copy of the notebook with the outputs and execution counts of this run.</summary>
    public Notebook Executed { get; }

    /// <summary>The code cells that ran, in order.</summary>
    public IReadOnlyList<CellRun> Cells { get; }

    /// <summary>Wall time for the whole notebook, cleanup included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Problems disposing what the notebook registered for cleanup.</summary>
    public IReadOnlyList<string> CleanupErrors { get; }

    /// <summary>The kernels started anew because a cell could not be stopped, in order.</summary>
    public IReadOnlyList<KernelRestart> Restarts { get; init; } = [];

    /// <summary>The cells that failed, leaving out those tagged as meant to fail.</summary>
    public IEnumerable<CellRun> Failures => Cells.Where(c => !c.Succeeded && !c.RaisesException);

    /// <summary>True when every code cell ran and succeeded.</summary>
    public bool Succeeded => !Failures.Any() && Cells.Count == Executed.Cells.Count(c => c.Kind == CellKind.Code);
}
