using System.Net.Sockets;
using System.Text;

namespace NetworkingLessons.Sockets;

/// <summary>
/// Real connections for the checks of socket exercises: each puts a student's function on one end
/// of a loopback connection, plays the other end, and reports what happened, within a deadline
/// (so that an answer that loops for ever fails with a clear message instead of hanging the lesson).
/// </summary>
public static class Testbench
{
    /// <summary>How long a student's function may take before the check gives up on it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs <paramref name="sendAll"/> with <paramref name="count"/> bytes on a non-blocking socket
    /// with a small send buffer, whose peer reads slowly: one Send moves only part of the data.
    /// Returns how many bytes the peer received, once the sender has closed.
    /// </summary>
    /// <exception cref="TimeoutException">The function did not return within <see cref="Deadline"/>.</exception>
    /// <exception cref="InvalidDataException">The peer received other bytes than those sent.</exception>
    public static int SendThroughSmallBuffer(Action<Socket, byte[]> sendAll, int count)
    {
        ArgumentNullException.ThrowIfNull(sendAll);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var pair = ConnectedPair.Tcp();
        // Small enough that one Send cannot take a large message, large enough that delayed ACKs do not make it crawl.
        pair.Server.ReceiveBufferSize = 16384;
        pair.Client.SendBufferSize = 16384;
        pair.Client.Blocking = false;
        var data = new byte[count];
        new Random(count).NextBytes(data);
        var reader = Task.Run(() => SocketTransfer.ReceiveToEnd(pair.Server, limit: count + 1));
        Within(() =>
        {
            sendAll(pair.Client, data);
            pair.Client.Shutdown(SocketShutdown.Send);
        });
        var received = reader.GetAwaiter().GetResult(); // the sender has shut down its side: the reader has its end
        return received.AsSpan().SequenceEqual(data.AsSpan(0, Math.Min(received.Length, data.Length)))
            ? received.Length
            : throw new InvalidDataException("The peer received bytes in another order than they were sent.");
    }

    /// <summary>
    /// Sends <paramref name="pieces"/> one at a time, each only once the last has been read, and
    /// closes when <paramref name="closeAfter"/>; returns what <paramref name="receive"/> returned, as text.
    /// </summary>
    /// <exception cref="TimeoutException">The function did not return within <see cref="Deadline"/>.</exception>
    public static string ReceiveInPieces(Func<Socket, byte[]> receive, IReadOnlyList<string> pieces, bool closeAfter = true)
    {
        ArgumentNullException.ThrowIfNull(receive);
        ArgumentNullException.ThrowIfNull(pieces);
        using var pair = ConnectedPair.Tcp();
        pair.Client.NoDelay = true;
        using var done = new CancellationTokenSource();
        var sender = Task.Run(() =>
        {
            foreach (var piece in pieces)
            {
                pair.Client.Send(Encoding.ASCII.GetBytes(piece));
                // The next piece goes once this one has been read: a single Receive can only get one piece.
                while (pair.Server.Available > 0 && !done.IsCancellationRequested)
                {
                    Thread.Sleep(5);
                }
            }
            if (closeAfter)
            {
                pair.Client.Shutdown(SocketShutdown.Send);
            }
        });
        try
        {
            return Encoding.ASCII.GetString(Within(() => receive(pair.Server)));
        }
        finally
        {
            done.Cancel();
            sender.Wait(Deadline);
        }
    }

    /// <summary>Runs <paramref name="receive"/> on a connected socket whose peer never sends and never closes.</summary>
    /// <exception cref="TimeoutException">The function did not return within <see cref="Deadline"/>.</exception>
    public static T SilentPeer<T>(Func<Socket, T> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        using var pair = ConnectedPair.Tcp();
        return Within(() => receive(pair.Client));
    }

    /// <summary>
    /// Runs <paramref name="connect"/> against a listener whose backlog is full, so that a connect
    /// to it waits (the kernel drops the SYNs) until the caller gives up.
    /// </summary>
    /// <exception cref="TimeoutException">The function did not return within <see cref="Deadline"/>.</exception>
    public static T FullListener<T>(Func<System.Net.EndPoint, T> connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        using var listener = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(1);
        var queued = new List<Socket>();
        try
        {
            // Linux queues backlog + 1 connections; after that a connect waits. Fill it until one would.
            while (queued.Count < 16)
            {
                var filler = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                queued.Add(filler);
                try
                {
                    filler.Connect(listener.LocalEndPoint!);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    if (!filler.Poll(200_000, SelectMode.SelectWrite))
                    {
                        break; // this one waits: the queue is full
                    }
                }
            }
            return Within(() => connect(listener.LocalEndPoint!));
        }
        finally
        {
            queued.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// Gives <paramref name="select"/> <paramref name="count"/> connected sockets, of which only the
    /// one at <paramref name="ready"/> receives a byte, after <paramref name="after"/>; returns the
    /// positions of the sockets it said were ready.
    /// </summary>
    /// <exception cref="TimeoutException">The function did not return within <see cref="Deadline"/>.</exception>
    public static IReadOnlyList<int> OneBecomesReadable(Func<IReadOnlyList<Socket>, IEnumerable<Socket>> select, int count, int ready, TimeSpan after)
    {
        ArgumentNullException.ThrowIfNull(select);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ready, count);
        var pairs = Enumerable.Range(0, count).Select(_ => ConnectedPair.Tcp()).ToList();
        try
        {
            var sockets = pairs.Select(p => p.Server).ToList();
            var sender = Task.Run(async () =>
            {
                await Task.Delay(after).ConfigureAwait(false);
                pairs[ready].Client.Send([1]);
            });
            var chosen = Within(() => select(sockets).ToList());
            sender.Wait(Deadline);
            return [.. chosen.Select(s => sockets.IndexOf(s))];
        }
        finally
        {
            pairs.ForEach(p => p.Dispose());
        }
    }

    /// <summary>
    /// Gives <paramref name="connect"/> a way to connect once that is refused (for real, by a port
    /// nothing listens on) the first <paramref name="refusals"/> times and then connects to a
    /// listener; with <paramref name="deniedInstead"/>, every attempt fails with AccessDenied, which
    /// no retry can mend. Returns how many attempts were made.
    /// </summary>
    /// <exception cref="TimeoutException">The function did not return within <see cref="Deadline"/>.</exception>
    public static int CountConnectAttempts(Func<Func<Socket>, Socket> connect, int refusals, bool deniedInstead = false)
    {
        ArgumentNullException.ThrowIfNull(connect);
        using var listener = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen();
        var attempts = 0;
        Socket Once()
        {
            var socket = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var attempt = Interlocked.Increment(ref attempts);
            if (deniedInstead)
            {
                socket.Dispose();
                throw new SocketException((int)SocketError.AccessDenied);
            }
            try
            {
                socket.Connect(attempt <= refusals ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Errors.ErrorScenarios.FreePort()) : listener.LocalEndPoint!);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        try
        {
            using var connected = Within(() => connect(Once));
            return connected is { Connected: true } ? attempts : throw new InvalidOperationException("The socket returned is not connected.");
        }
        catch (SocketException)
        {
            return -attempts; // gave up, after that many
        }
    }

    /// <summary>Runs <paramref name="action"/>, failing with a clear message if it takes longer than <see cref="Deadline"/>.</summary>
    /// <exception cref="TimeoutException">It did not finish in time.</exception>
    public static void Within(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within(() =>
        {
            action();
            return true;
        });
    }

    /// <summary>Runs <paramref name="function"/>, failing with a clear message if it takes longer than <see cref="Deadline"/>.</summary>
    /// <exception cref="TimeoutException">It did not finish in time.</exception>
    public static T Within<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var task = Task.Run(function);
        try
        {
            return task.WaitAsync(Deadline).GetAwaiter().GetResult(); // the function's own exception, not wrapped
        }
        catch (TimeoutException) when (!task.IsCompleted) // the wait's, not one the function threw
        {
            throw new TimeoutException($"it did not return within {Deadline.TotalSeconds:0} s: does a loop wait for something that never comes (Receive returns 0 at the end of the stream)?");
        }
    }
}
