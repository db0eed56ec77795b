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
    /// registered for cleanup.
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
        var kernel = new NotebookKernel(new KernelOptions
        {
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!,
            NotebookName = Path.GetFileName(path),
            CellTimeout = options.CellTimeout,
        });
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
                var run = cell.KernelName is NotebookCell.CSharp or "c#" or "C#"
                    ? await kernel.SubmitAsync(cell.Source, i + 1, o => options.Output?.Invoke(i + 1, o), cancellationToken)
                    : OtherLanguage(cell, i + 1);
                cell.Outputs.AddRange(run.Outputs);
                cell.ExecutionCount = run.ExecutionCount == 0 ? null : run.ExecutionCount;
                runs.Add(run);
                options.CellCompleted?.Invoke(run, executed.Cells.Count);
                if (!run.Succeeded && options.ContinueAfterFailure?.Invoke(i, run) != true)
                {
                    break;
                }
            }
        }
        finally
        {
            await kernel.DisposeAsync();
        }
        return new NotebookRun(path, executed, runs, clock.Elapsed, kernel.CleanupErrors);
    }

    private static CellRun OtherLanguage(NotebookCell cell, int number)
    {
        var message = $"Cell {number}: this is a '{cell.KernelName}' cell; this engine runs C# cells only. Open the notebook in VS Code with Polyglot Notebooks to run it.";
        return new CellRun(number, CellStatus.Unsupported, [new ErrorOutput("UnsupportedKernel", message, [])], 0, TimeSpan.Zero)
        {
            ErrorMessage = message,
        };
    }
}
