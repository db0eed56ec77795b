namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// The blocking calls one cell is making right now, so that stopping the cell can end them: a call
/// on a connection is ended by closing that connection (its stream position is lost anyway); the
/// calls that wait for a peer (accept, connect) and the waits on tasks and timers are cancelled
/// with the cell's token and touch nothing else. Also remembers what the cell was doing when it
/// was stopped, for the message that says so.
/// </summary>
internal sealed class BlockedCalls
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _active = [];
    private readonly List<string> _stopped = [];
    private bool _stopping;
    private bool _inLoop;

    /// <summary>The calls that were blocked when the cell was stopped, in order, described.</summary>
    public IReadOnlyList<string> Stopped
    {
        get
        {
            lock (_gate)
            {
                return [.. _stopped];
            }
        }
    }

    /// <summary>True when a loop guard ended the cell.</summary>
    public bool StoppedInLoop => Volatile.Read(ref _inLoop);

    public void NoteLoop() => Volatile.Write(ref _inLoop, true);

    public void NoteStopped(string description)
    {
        lock (_gate)
        {
            if (!_stopped.Contains(description))
            {
                _stopped.Add(description);
            }
        }
    }

    /// <summary>Records a call about to block; <paramref name="close"/> ends it when the cell is stopped.</summary>
    /// <returns>The entry, or null when the cell is already being stopped.</returns>
    public Entry? Enter(string call, Action? close)
    {
        var entry = new Entry(this, call, close);
        lock (_gate)
        {
            if (_stopping)
            {
                return null;
            }
            _active.Add(entry);
        }
        return entry;
    }

    /// <summary>Ends every call in progress; later calls fail at once.</summary>
    public void StopAll()
    {
        List<Entry> active;
        lock (_gate)
        {
            _stopping = true;
            active = [.. _active];
        }
        foreach (var entry in active)
        {
            NoteStopped(entry.Call);
            try
            {
                entry.Close?.Invoke();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                // Already closed by the cell itself: nothing left to end.
            }
        }
    }

    private void Leave(Entry entry)
    {
        lock (_gate)
        {
            _active.Remove(entry);
        }
    }

    internal sealed class Entry(BlockedCalls owner, string call, Action? close) : IDisposable
    {
        public string Call { get; } = call;

        public Action? Close { get; } = close;

        public void Dispose() => owner.Leave(this);
    }
}
