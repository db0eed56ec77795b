using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text;
using NetworkingLessons.Echo;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Concurrency;

/// <summary>
/// Clients for lesson 12's checks: two that stay connected at once against a thread-per-client
/// accept loop, and a scripted pair against one turn of a select loop, run again and again on a
/// thread of the bench's own. Each says what happened in words.
/// </summary>
public static class ConcurrencyTestbench
{
    /// <summary>How long a client waits for its echo, and the longest a select-loop turn may take.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    /// <summary>Echoes what arrives on <paramref name="client"/> until it closes, then closes it: what a lesson's accept loop hands each client to.</summary>
    public static void EchoUntilClosed(Socket client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using (client)
        {
            var buffer = new byte[4096];
            try
            {
                while (client.Receive(buffer) is var n and > 0)
                {
                    SocketTransfer.SendAll(client, buffer.AsSpan(0, n));
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // the client reset, or the bench closed it
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="acceptEach"/> on a listener with <see cref="EchoUntilClosed"/> as what
    /// serves each client, and has a second client ask for an echo while the first stays connected.
    /// Closing the listener at the end must end <paramref name="acceptEach"/>.
    /// </summary>
    public static string ThreadPerClient(Action<Socket, Action<Socket>> acceptEach)
    {
        ArgumentNullException.ThrowIfNull(acceptEach);
        return EchoTestbench.TwoClientsAtOnce((listener, _) => Task.Run(() => acceptEach(listener, EchoUntilClosed)), Patience)
            .GetAwaiter().GetResult();
    }

    /// <summary>
    /// Calls <paramref name="turn"/> again and again on a thread of its own, with a listener and
    /// the list of clients it keeps, while two clients connect, send, and the first closes. Returns
    /// "both served; the closed client was removed", or what went wrong first.
    /// </summary>
    public static string SelectTurns(Action<Socket, List<Socket>> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var listener = Listeners.Open();
        var clients = new List<Socket>();
        var loop = new TurnLoop(turn, listener, clients);
        // The clients wait with Poll and the patience, so a receive never blocks on its own.
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            first.Connect(listener.LocalEndPoint!);
            if (loop.Echoes(first, "first") is { } firstProblem)
            {
                return $"the first client {firstProblem}";
            }
            second.Connect(listener.LocalEndPoint!);
            if (loop.Echoes(second, "second") is { } secondProblem)
            {
                return $"while the first client stayed connected, the second {secondProblem}";
            }
            if (loop.Echoes(first, "again") is { } againProblem)
            {
                return $"the first client, sending again, {againProblem}";
            }
            first.Close();
            // Fewer than two, not exactly one: a turn that also dropped the second client gets to the
            // second's echo below and is named for that, whichever it handled first.
            if (!loop.WaitFor(() => loop.Clients < 2))
            {
                return loop.Blocked ?? $"the closed client was still in the list {Patience.TotalSeconds:0} s after it closed: remove a client when Receive returns 0";
            }
            return loop.Echoes(second, "still here") is { } lastProblem
                ? $"after the first client closed, the second {lastProblem}"
                : "both served; the closed client was removed";
        }
        finally
        {
            loop.Stop();
            foreach (var client in loop.Snapshot())
            {
                client.Dispose();
            }
        }
    }

    // The bench's thread that calls the student's turn, and what it has seen.
    private sealed class TurnLoop
    {
        private readonly Lock _lock = new();
        private readonly List<Socket> _clients;
        private readonly Thread _thread;
        private volatile bool _stopping;
        private long _turnStarted;
        private volatile int _count;
        private ExceptionDispatchInfo? _failure;

        public TurnLoop(Action<Socket, List<Socket>> turn, Socket listener, List<Socket> clients)
        {
            _clients = clients;
            _thread = new Thread(() =>
            {
                try
                {
                    while (!_stopping)
                    {
                        Interlocked.Exchange(ref _turnStarted, Stopwatch.GetTimestamp());
                        lock (_lock)
                        {
                            turn(listener, clients);
                            _count = clients.Count;
                        }
                        Interlocked.Exchange(ref _turnStarted, 0);
                    }
                }
                catch (Exception ex) when (!_stopping)
                {
                    _failure = ExceptionDispatchInfo.Capture(ex);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // the bench closed the sockets under the turn to stop it
                }
            })
            { IsBackground = true, Name = "select-loop turns" };
            _thread.Start();
        }

        public int Clients => _count;

        // A turn that has not returned for longer than the patience, in words; or null.
        public string? Blocked
        {
            get
            {
                var started = Interlocked.Read(ref _turnStarted);
                return started != 0 && Stopwatch.GetElapsedTime(started) > Patience
                    ? $"a turn has not returned for {Patience.TotalSeconds:0} s: wait in Select with a timeout, and receive only from sockets it says are ready"
                    : null;
            }
        }

        // Sends text and waits for its echo; null when it came back whole.
        public string? Echoes(Socket client, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            client.Send(bytes);
            var echo = new byte[bytes.Length];
            var got = 0;
            var deadline = Stopwatch.GetTimestamp();
            while (got < echo.Length)
            {
                ThrowIfFailed();
                if (client.Poll(10_000, SelectMode.SelectRead))
                {
                    int n;
                    try
                    {
                        n = client.Receive(echo, got, echo.Length - got, SocketFlags.None);
                    }
                    catch (SocketException ex)
                    {
                        return $"lost its connection ({ex.SocketErrorCode})";
                    }
                    if (n == 0)
                    {
                        return "was disconnected before its echo came";
                    }
                    got += n;
                }
                else if (Stopwatch.GetElapsedTime(deadline) > Patience)
                {
                    // A turn that began just after the send is still short of the patience when the
                    // echo's wait runs out: give it up to one patience more to be named as the cause.
                    if (Blocked is null && Interlocked.Read(ref _turnStarted) != 0 && Stopwatch.GetElapsedTime(deadline) <= 2 * Patience)
                    {
                        continue;
                    }
                    return Blocked ?? $"got no echo within {Patience.TotalSeconds:0} s";
                }
            }
            return Encoding.ASCII.GetString(echo) == text ? null : $"got '{Encoding.ASCII.GetString(echo)}' back";
        }

        public bool WaitFor(Func<bool> condition)
        {
            var start = Stopwatch.GetTimestamp();
            while (!condition())
            {
                ThrowIfFailed();
                if (Stopwatch.GetElapsedTime(start) > Patience)
                {
                    return false;
                }
                Thread.Sleep(5);
            }
            return true;
        }

        public void Stop()
        {
            _stopping = true;
            if (!_thread.Join(Patience))
            {
                // blocked in the student's turn: closing its sockets below ends the call
                foreach (var client in Snapshot())
                {
                    client.Dispose();
                }
                _thread.Join(Patience);
            }
        }

        public List<Socket> Snapshot()
        {
            // The turn may be blocked holding the lock; the list is then read as it is.
            if (_lock.TryEnter(TimeSpan.FromMilliseconds(100)))
            {
                try
                {
                    return [.. _clients];
                }
                finally
                {
                    _lock.Exit();
                }
            }
            return [.. _clients];
        }

        private void ThrowIfFailed() => _failure?.Throw();
    }
}
