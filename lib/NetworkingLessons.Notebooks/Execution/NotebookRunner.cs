using System.Diagnostics;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>Runs every code cell of a notebook in order in a fresh kernel, as Run All does.</summary>
public static class NotebookRunner
{
    /// <summary>Loads and runs a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file cannot be read as a notebook.</exception>
    public static Task<NotebookRun> RunFileAsync(string path, RunOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(NotebookFile.Load(path), path, options, cancellationToken);

    /// <summary>
    /// Runs <paramref name="notebook"/> (left unchanged) as if it were the file <paramref name="path"/>:
    /// its folder is the base for relative paths. Stops at the first failing cell unless
    /// <see cref="RunOptions.ContinueAfterFailure"/> says otherwise; always disposes what the notebook
    /// registered for cleanup. A cell that cannot be stopped costs the notebook its state: the rest
    /// runs in a new kernel, and <see cref="NotebookRun.Restarts"/> says which cells were lost.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(Notebook notebook, string path, RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new RunOptions();
        var clock = Stopwatch.StartNew();
        var executed = notebook.Clone();
        executed.ClearOutputs();
        var runs = new List<CellRun>();
        var restarts = new List<KernelRestart>();
        var cleanupErrors = new List<string>();
        var gate = new Lock();
        void Update(UpdateDisplayDataOutput update)
        {
            lock (gate)
            {
                foreach (var cell in executed.Cells)
                {
                    var index = cell.Outputs.FindIndex(o => o is DisplayDataOutput d && d.DisplayId == update.DisplayId);
                    if (index >= 0)
                    {
                        cell.Outputs[index] = new DisplayDataOutput(update.Data) { DisplayId = update.DisplayId };
                    }
                }
            }
            options.DisplayUpdated?.Invoke(update);
        }
        NotebookKernel Start()
        {
            var kernel = new NotebookKernel(new KernelOptions
            {
                BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!,
                NotebookName = Path.GetFileName(path),
                CellTimeout = options.CellTimeout,
                ReadInput = options.ReadInput,
            });
            kernel.DisplayUpdated += Update;
            return kernel;
        }
        var current = Start();
        var firstOfKernel = 0;
        try
        {
            for (var i = 0; i < executed.Cells.Count; i++)
            {
                var cell = executed.Cells[i];
                if (cell.Kind != CellKind.Code)
                {
                    continue;
                }
                if (cancellationToken.IsCancellationRequested)
                {
                    break; // Ctrl+C between cells: the cells not run keep no outputs
                }
                var number = i + 1;
                var run = await current.SubmitAsync(cell.Source, number, cell.KernelName, CellTimeoutOf(cell), o => options.Output?.Invoke(number, o), cancellationToken)
                    with { RaisesException = RaisesException(cell) };
                lock (gate)
                {
                    cell.Outputs.AddRange(run.Outputs);
                    cell.ExecutionCount = run.ExecutionCount;
                }
                runs.Add(run);
                options.CellCompleted?.Invoke(run, executed.Cells.Count);
                if (current.IsStuck)
                {
                    restarts.Add(new KernelRestart(number, [.. runs.Select(r => r.CellNumber).Where(n => n >= firstOfKernel && n <= number)]));
                    await DisposeAsync(current, cleanupErrors);
                    current = Start();
                    firstOfKernel = number + 1;
                }
                if (!run.Succeeded && !run.RaisesException && options.ContinueAfterFailure?.Invoke(i, run) != true)
                {
                    break;
                }
            }
        }
        finally
        {
            await DisposeAsync(current, cleanupErrors);
        }
        return new NotebookRun(path, executed, runs, clock.Elapsed, cleanupErrors) { Restarts = restarts };
    }

    /// <summary>The cell metadata key under which this engine keeps its own settings for a cell.</summary>
    public const string MetadataKey = "networking_lessons";

    // nbconvert's and nbclient's tag for a cell that is meant to fail: the run goes on, and counts no failure.
    private static bool RaisesException(NotebookCell cell) =>
        cell.Metadata["tags"] is System.Text.Json.Nodes.JsonArray tags && tags.Any(t => t?.GetValue<string>() == "raises-exception");

    // {"networking_lessons": {"timeout": 3}}: this cell's own timeout in seconds, for a cell that shows a stop.
    private static TimeSpan? CellTimeoutOf(NotebookCell cell) =>
        cell.Metadata[MetadataKey]?["timeout"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue(out double seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static async Task DisposeAsync(NotebookKernel kernel, List<string> cleanupErrors)
    {
        await kernel.DisposeAsync();
        cleanupErrors.AddRange(kernel.CleanupErrors);
    }
}
