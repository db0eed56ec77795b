using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Echo;

/// <summary>
/// Echo peers that show what a client or server gets wrong, for lesson 10's cells and checks: an
/// echo that comes back in pieces, a client that sends in several writes and then a message
/// larger than one read, and two clients at once. Each peer sits in this process, so it can wait
/// until the code under test has read what it was sent: what happens does not depend on timing.
/// </summary>
public static class EchoTestbench
{
    /// <summary>
    /// Runs <paramref name="client"/> on a socket whose peer echoes what it receives in pieces of
    /// <paramref name="pieceSize"/> bytes, each sent only once the client has read the one before:
    /// a network that delivers a little at a time. Returns what the client returned.
    /// </summary>
    /// <exception cref="TimeoutException">The client did not return within <see cref="Testbench.Deadline"/>.</exception>
    public static T PiecewiseEcho<T>(Func<Socket, T> client, int pieceSize = 4)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(pieceSize, 1);
        using var pair = ConnectedPair.Tcp();
        pair.Server.NoDelay = true;
        using var done = new CancellationTokenSource();
        var echo = Task.Run(() =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (!done.IsCancellationRequested && pair.Server.Receive(buffer) is var n and > 0)
                {
                    for (var at = 0; at < n && !done.IsCancellationRequested; at += pieceSize)
                    {
                        pair.Server.Send(buffer.AsSpan(at, Math.Min(pieceSize, n - at)));
                        WaitUntilRead(pair.Client, done.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // the client closed the connection
            }
        });
        try
        {
            return Testbench.Within(() => client(pair.Client));
        }
        finally
        {
            done.Cancel();
            pair.Dispose();
            echo.Wait(Testbench.Deadline);
        }
    }

    /// <summary>
    /// Runs <paramref name="serve"/> on the server's end of a connection whose client sends each of
    /// <paramref name="messages"/> as its own write, waits for its whole echo, then ends its side
    /// of the connection and expects the server to end its own. Returns what came back for each
    /// message, as text, and how the connection ended.
    /// </summary>
    /// <exception cref="TimeoutException">The server did not echo or close within <see cref="Testbench.Deadline"/>.</exception>
    public static (IReadOnlyList<string> Echoes, string Ending) Talk(Action<Socket> serve, IReadOnlyList<string> messages)
    {
        ArgumentNullException.ThrowIfNull(serve);
        ArgumentNullException.ThrowIfNull(messages);
        using var pair = ConnectedPair.Tcp();
        var server = Task.Run(() => serve(pair.Server));
        var echoes = new List<string>();
        pair.Client.ReceiveTimeout = (int)Testbench.Deadline.TotalMilliseconds;
        string ending;
        try
        {
            foreach (var message in messages)
            {
                var bytes = Encoding.UTF8.GetBytes(message);
                SocketTransfer.SendAll(pair.Client, bytes);
                var echo = new List<byte>();
                var buffer = new byte[64 * 1024];
                while (echo.Count < bytes.Length && WaitForData(pair.Client, server) && pair.Client.Receive(buffer) is var n and > 0)
                {
                    echo.AddRange(buffer.AsSpan(0, n));
                }
                echoes.Add(Encoding.UTF8.GetString([.. echo]));
                if (echo.Count < bytes.Length)
                {
                    return (echoes, $"the server closed the connection after echoing {echo.Count} of {bytes.Length} bytes");
                }
            }
            pair.Client.Shutdown(SocketShutdown.Send);
            ending = WaitForData(pair.Client, server) && pair.Client.Receive(new byte[1]) == 0
                ? "the server closed its side after the client did"
                : "the server sent more than was echoed";
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            ending = $"no answer within {Testbench.Deadline.TotalSeconds:0} s";
        }
        catch (SocketException ex)
        {
            ending = $"the connection ended with {ex.SocketErrorCode}";
        }
        if (!server.Wait(Testbench.Deadline))
        {
            throw new TimeoutException($"the server did not return within {Testbench.Deadline.TotalSeconds:0} s of the client closing: does it loop until Receive returns 0?");
        }
        if (server.Exception is { } failed)
        {
            throw failed.InnerException!;
        }
        return (echoes, ending);
    }

    // Waits until the socket has something to read (data or the end of the stream), or the server
    // under test has failed: its exception (a stub's NotImplementedException) is what the caller sees.
    private static bool WaitForData(Socket socket, Task server)
    {
        var deadline = DateTime.UtcNow + Testbench.Deadline;
        while (!socket.Poll(10_000, SelectMode.SelectRead))
        {
            ThrowIfFailed(server);
            if (DateTime.UtcNow > deadline)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }
        }
        return true;
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted && task.Exception!.InnerException is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>
    /// Runs <paramref name="serve"/> on a listener, then has a first client connect and send
    /// without closing, and a second connect and send too: a server that can serve both at once
    /// echoes the second while the first is still open. Returns what happened, in words.
    /// </summary>
    public static async Task<string> TwoClientsAtOnce(Func<Socket, CancellationToken, Task> serve, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(serve);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(() => serve(listener, stop.Token), CancellationToken.None);
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await first.ConnectAsync(listener.LocalEndPoint!);
            await first.SendAsync("first"u8.ToArray());
            var firstProblem = await EchoWithin(first, "first", patience, serving);
            if (firstProblem is not null)
            {
                return $"the first client {firstProblem}";
            }
            await second.ConnectAsync(listener.LocalEndPoint!);
            await second.SendAsync("second"u8.ToArray());
            return await EchoWithin(second, "second", patience, serving) is { } secondProblem
                ? $"while the first client stayed connected, the second {secondProblem}"
                : "both served at once";
        }
        finally
        {
            await stop.CancelAsync();
            listener.Close();
            first.Close();
            second.Close();
            await Task.WhenAny(serving, Task.Delay(Testbench.Deadline));
        }
    }

    private static async Task<string?> EchoWithin(Socket client, string text, TimeSpan patience, Task serving)
    {
        var expected = Encoding.UTF8.GetBytes(text);
        var echo = new byte[expected.Length];
        using var deadline = new CancellationTokenSource(patience);
        try
        {
            for (var got = 0; got < echo.Length;)
            {
                var receive = client.ReceiveAsync(echo.AsMemory(got), deadline.Token).AsTask();
                await Task.WhenAny(receive, serving);
                ThrowIfFailed(serving); // the server under test threw: say what, at once
                var n = await receive;
                if (n == 0)
                {
                    return "was disconnected before its echo came";
                }
                got += n;
            }
        }
        catch (OperationCanceledException)
        {
            return $"got no echo within {patience.TotalSeconds:0.#} s";
        }
        return echo.AsSpan().SequenceEqual(expected) ? null : $"got '{Encoding.UTF8.GetString(echo)}' back";
    }

    private static void WaitUntilRead(Socket reader, CancellationToken cancellationToken)
    {
        // First the piece reaches the client's socket (at once on a Linux loopback; a moment later
        // on some network stacks), then the client reads all of it.
        var arrival = DateTime.UtcNow.AddMilliseconds(5);
        while (reader.Available == 0 && DateTime.UtcNow < arrival && !cancellationToken.IsCancellationRequested)
        {
            Thread.Yield();
        }
        var deadline = DateTime.UtcNow + Testbench.Deadline;
        while (reader.Available > 0 && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            Thread.Sleep(1);
        }
    }
}
