namespace NetworkingLessons.Notebooks.Execution;

public static partial class CellBlocking
{
    /// <summary>How often a wait that cannot take a token (<see cref="Thread.Join()"/>) looks for a stop.</summary>
    private static readonly TimeSpan JoinSlice = TimeSpan.FromMilliseconds(50);

    /// <summary>Stands in for <see cref="Thread.Sleep(int)"/>.</summary>
    public static void Sleep(int millisecondsTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(millisecondsTimeout, Timeout.Infinite);
        if (millisecondsTimeout == 0 || !InStoppableCell)
        {
            Thread.Sleep(millisecondsTimeout);
            return;
        }
        using var guarded = GuardedCall.Start("Thread.Sleep");
        if (guarded.Token.WaitHandle.WaitOne(millisecondsTimeout))
        {
            throw guarded.Stopped(null);
        }
    }

    /// <summary>Stands in for <see cref="Thread.Sleep(TimeSpan)"/>.</summary>
    public static void Sleep(TimeSpan timeout) =>
        Sleep(timeout == Timeout.InfiniteTimeSpan ? Timeout.Infinite : checked((int)timeout.TotalMilliseconds));

    /// <summary>Stands in for <see cref="Thread.Join()"/>.</summary>
    public static void Join(Thread thread) => Join(thread, Timeout.InfiniteTimeSpan);

    /// <summary>Stands in for <see cref="Thread.Join(int)"/>.</summary>
    public static bool Join(Thread thread, int millisecondsTimeout) =>
        Join(thread, millisecondsTimeout == Timeout.Infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary>Stands in for <see cref="Thread.Join(TimeSpan)"/>.</summary>
    public static bool Join(Thread thread, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(thread);
        if (!InStoppableCell)
        {
            return timeout == Timeout.InfiniteTimeSpan ? JoinForever(thread) : thread.Join(timeout);
        }
        using var guarded = GuardedCall.Start("Thread.Join");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var left = timeout == Timeout.InfiniteTimeSpan ? JoinSlice : timeout - clock.Elapsed;
            if (thread.Join(left < JoinSlice ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : JoinSlice))
            {
                return true;
            }
            guarded.ThrowIfStopped();
            if (timeout != Timeout.InfiniteTimeSpan && left <= JoinSlice)
            {
                return false;
            }
        }

        static bool JoinForever(Thread t)
        {
            t.Join();
            return true;
        }
    }

    /// <summary>
    /// What a thread a cell starts runs: its code, except that the stop of its cell ends it quietly
    /// (a loop guard's cancellation would otherwise be an unhandled exception, which ends the process).
    /// </summary>
    public static ThreadStart Guard(ThreadStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return () =>
        {
            try
            {
                start();
            }
            catch (OperationCanceledException) when (ExecutionScope.Current?.Token.IsCancellationRequested == true)
            {
                // The cell that started this thread was stopped, and the thread with it.
            }
        };
    }

    /// <summary>What a thread a cell starts runs, for a thread given a parameter; see <see cref="Guard(ThreadStart)"/>.</summary>
    public static ParameterizedThreadStart Guard(ParameterizedThreadStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return state =>
        {
            try
            {
                start(state);
            }
            catch (OperationCanceledException) when (ExecutionScope.Current?.Token.IsCancellationRequested == true)
            {
                // The cell that started this thread was stopped, and the thread with it.
            }
        };
    }

    /// <summary>Stands in for <see cref="Task{TResult}.Result"/>.</summary>
    public static T Result<T>(Task<T> task)
    {
        WaitFor(task, "Task.Result");
        return task.Result;
    }

    /// <summary>Stands in for <c>task.GetAwaiter().GetResult()</c>.</summary>
    public static void GetResult(Task task)
    {
        WaitFor(task, "GetAwaiter().GetResult()");
        task.GetAwaiter().GetResult();
    }

    /// <summary>Stands in for <c>task.GetAwaiter().GetResult()</c> on a task with a result.</summary>
    public static T GetResult<T>(Task<T> task)
    {
        WaitFor(task, "GetAwaiter().GetResult()");
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Stands in for <c>task.GetAwaiter().GetResult()</c> on a <see cref="ValueTask"/>.</summary>
    public static void GetResult(ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        GetResult(task.AsTask());
    }

    /// <summary>Stands in for <c>task.GetAwaiter().GetResult()</c> and <see cref="ValueTask{TResult}.Result"/>.</summary>
    public static T GetResult<T>(ValueTask<T> task) => task.IsCompleted ? task.GetAwaiter().GetResult() : GetResult(task.AsTask());

    /// <summary>What <c>await task</c> waits for in a cell: the task, or the cell's stop, whichever comes first.</summary>
    public static Task Cancellable(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompleted || ExecutionScope.Current is not { Token.CanBeCanceled: true } context
            ? task
            : AwaitCancellable(task, context);

        static async Task AwaitCancellable(Task task, CellContext context)
        {
            try
            {
                await task.WaitAsync(context.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (context.Token.IsCancellationRequested && !task.IsCompleted)
            {
                context.Blocked.NoteStopped("await");
                throw new CellStoppedException("await", null, ex, context.Token);
            }
        }
    }

    /// <summary>What <c>await task</c> waits for in a cell, for a task with a result.</summary>
    public static Task<T> Cancellable<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompleted || ExecutionScope.Current is not { Token.CanBeCanceled: true } context
            ? task
            : AwaitCancellable(task, context);

        static async Task<T> AwaitCancellable(Task<T> task, CellContext context)
        {
            try
            {
                return await task.WaitAsync(context.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (context.Token.IsCancellationRequested && !task.IsCompleted)
            {
                context.Blocked.NoteStopped("await");
                throw new CellStoppedException("await", null, ex, context.Token);
            }
        }
    }

    /// <summary>What <c>await task</c> waits for in a cell, for a <see cref="ValueTask"/>.</summary>
    public static ValueTask Cancellable(ValueTask task) =>
        task.IsCompleted || !InStoppableCell ? task : new ValueTask(Cancellable(task.AsTask()));

    /// <summary>What <c>await task</c> waits for in a cell, for a <see cref="ValueTask{TResult}"/>.</summary>
    public static ValueTask<T> Cancellable<T>(ValueTask<T> task) =>
        task.IsCompleted || !InStoppableCell ? task : new ValueTask<T>(Cancellable(task.AsTask()));

    private static void WaitFor(Task task, string name)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompleted || !InStoppableCell)
        {
            return;
        }
        using var guarded = GuardedCall.Start(name);
        try
        {
            task.Wait(guarded.Token);
        }
        catch (AggregateException)
        {
            // The task failed: the caller's own Result or GetResult throws as it would have.
        }
        catch (OperationCanceledException ex) when (guarded.IsStopped)
        {
            throw guarded.Stopped(ex);
        }
    }
}
