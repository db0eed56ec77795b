using System.Collections.Concurrent;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// The thread that starts a notebook's cells, one after another. A thread of its own, so that a
/// cell that never awaits still cannot hold up the caller past its timeout; the same thread for
/// every cell, because starting one costs about a millisecond on the course's machines, a tenth of
/// a trivial cell's round trip (bench/README.md). A cell that cannot be stopped keeps it, and its
/// engine runs no more cells.
/// </summary>
internal sealed class CellThread
{
    private readonly BlockingCollection<Action> _work = [];

    public CellThread()
    {
        new Thread(() =>
        {
            foreach (var start in _work.GetConsumingEnumerable())
            {
                start();
            }
        })
        { IsBackground = true, Name = "notebook cells" }.Start();
    }

    /// <summary>
    /// Calls <paramref name="start"/> on this thread, in the caller's execution context (so what
    /// one cell sets in an AsyncLocal stays with that cell), and completes as the task it returns does.
    /// </summary>
    public Task<T> Run<T>(Func<Task<T>> start)
    {
        var context = ExecutionContext.Capture();
        var started = new TaskCompletionSource<Task<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                Task<T>? task = null;
                if (context is null)
                {
                    task = start();
                }
                else
                {
                    ExecutionContext.Run(context, _ => task = start(), null);
                }
                started.SetResult(task!);
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        });
        return started.Task.Unwrap();
    }

    /// <summary>Lets the thread end once it has started what it was given.</summary>
    public void Stop() => _work.CompleteAdding();
}
