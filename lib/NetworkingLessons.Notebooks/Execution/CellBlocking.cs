using System.ComponentModel;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Stand-ins for the blocking calls of the .NET library, which the engine substitutes in cell code
/// (<c>listener.Accept()</c> becomes <c>CellBlocking.Accept(listener)</c>) so that a cell blocked
/// in one can be stopped. Each does what the call it stands for does; only a stop differs: the
/// call ends with <see cref="CellStoppedException"/>. Calls that wait for a peer or a task are
/// cancelled and leave their socket as it was; calls in the middle of a transfer end by closing
/// that connection. Outside a running cell they are the plain calls.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class CellBlocking
{
    /// <summary>A blocking call in progress for the running cell.</summary>
    private sealed class GuardedCall : IDisposable
    {
        private readonly BlockedCalls.Entry? _entry;

        private GuardedCall(CellContext? context, string name, string? how, BlockedCalls.Entry? entry)
        {
            Context = context;
            Name = name;
            How = how;
            _entry = entry;
        }

        public CellContext? Context { get; }

        public string Name { get; }

        public string? How { get; }

        public CancellationToken Token => Context?.Token ?? CancellationToken.None;

        /// <summary>Starts a call; <paramref name="close"/> (may be null) ends it when the cell is stopped.</summary>
        /// <exception cref="CellStoppedException">The cell is already being stopped.</exception>
        public static GuardedCall Start(string name, Action? close = null, string? how = null)
        {
            if (ExecutionScope.Current is not { } context || !context.Token.CanBeCanceled)
            {
                return new GuardedCall(null, name, how, null);
            }
            var entry = context.Token.IsCancellationRequested ? null : context.Blocked.Enter(name, close);
            var call = new GuardedCall(context, name, how, entry);
            return entry is null ? throw call.Stopped(null) : call;
        }

        /// <summary>True when the cell has been stopped (so whatever the call threw is the stop's doing).</summary>
        public bool IsStopped => Context?.Token.IsCancellationRequested == true;

        public CellStoppedException Stopped(Exception? inner)
        {
            Context?.Blocked.NoteStopped(Name);
            return new CellStoppedException(Name, How, inner, Token);
        }

        /// <summary>Throws <see cref="CellStoppedException"/> if the cell has been stopped.</summary>
        public void ThrowIfStopped()
        {
            if (IsStopped)
            {
                throw Stopped(null);
            }
        }

        public void Dispose() => _entry?.Dispose();
    }

    private const string ClosedToStop = "its connection was closed to stop it";

    /// <summary>Runs <paramref name="call"/> (a call on a connection) so that a stop closes the connection.</summary>
    private static T OnConnection<T>(IDisposable connection, string name, Func<T> call)
    {
        using var guarded = GuardedCall.Start(name, connection.Dispose, ClosedToStop);
        try
        {
            return call();
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>Starts a call with the cell's token, waits for it, and turns a stop into <see cref="CellStoppedException"/>.</summary>
    private static T Cancelled<T>(GuardedCall guarded, Func<CancellationToken, ValueTask<T>> start)
    {
        using (guarded)
        {
            try
            {
                var task = start(guarded.Token);
                return task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException ex) when (guarded.IsStopped && ex is not CellStoppedException)
            {
                throw guarded.Stopped(ex);
            }
        }
    }

    private static void Cancelled(GuardedCall guarded, Func<CancellationToken, ValueTask> start) =>
        Cancelled<bool>(guarded, async token =>
        {
            await start(token).ConfigureAwait(false);
            return true;
        });

    /// <summary>A line for <c>Console.ReadLine()</c> in a cell, from its kernel's input; a stop ends the wait.</summary>
    internal static string? ReadConsoleLine(CellContext context)
    {
        using var guarded = GuardedCall.Start("Console.ReadLine");
        try
        {
            return context.Scope.ReadInput(context.Token);
        }
        catch (OperationCanceledException ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>True when a call made now can be stopped: it runs for a cell whose token can be cancelled.</summary>
    private static bool InStoppableCell => ExecutionScope.Current is { Token.CanBeCanceled: true };
}
