using System.Net.Sockets;
using NetworkingLessons.Concurrency;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Concurrency;

/// <summary>Lesson 12's checks tell a right answer from each pitfall the exercises name, and pass a stub's exception on.</summary>
public sealed class ConcurrencyTestbenchTests
{
    private static void ThreadEach(Socket listener, Action<Socket> serve)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            new Thread(() => serve(client)) { IsBackground = true }.Start();
        }
    }

    private static void Inline(Socket listener, Action<Socket> serve)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            serve(client);
        }
    }

    [Fact]
    public void ThreadPerClient_PassesAThreadForEachClient()
    {
        Assert.Equal("both served at once", ConcurrencyTestbench.ThreadPerClient(ThreadEach));
    }

    [Fact]
    public void ThreadPerClient_CatchesServingInline()
    {
        Assert.Equal("while the first client stayed connected, the second got no echo within 2 s", ConcurrencyTestbench.ThreadPerClient(Inline));
    }

    [Fact]
    public void ThreadPerClient_PassesOnAStub()
    {
        Assert.Throws<NotImplementedException>(() => ConcurrencyTestbench.ThreadPerClient((_, _) => throw new NotImplementedException()));
    }

    private static void Turn(Socket listener, List<Socket> clients) => TurnThat(listener, clients, bytes => bytes);

    [Fact]
    public void SelectTurns_PassesARightTurn()
    {
        Assert.Equal("both served; the closed client was removed", ConcurrencyTestbench.SelectTurns(Turn));
    }

    [Fact]
    public void SelectTurns_CatchesAClosedClientLeftInTheList()
    {
        static void KeepsClosed(Socket listener, List<Socket> clients) => TurnThat(listener, clients, bytes => bytes, keepClosed: true);

        Assert.Equal("the closed client was still in the list 2 s after it closed: remove a client when Receive returns 0", ConcurrencyTestbench.SelectTurns(KeepsClosed));
    }

    [Fact]
    public void SelectTurns_CatchesReceivingFromEveryClient()
    {
        static void ReceivesFromAll(Socket listener, List<Socket> clients)
        {
            if (listener.Poll(100_000, SelectMode.SelectRead))
            {
                clients.Add(listener.Accept());
            }
            foreach (var client in clients.ToList())
            {
                var buffer = new byte[4096];
                var n = client.Receive(buffer); // blocks on a client with nothing to say
                if (n == 0)
                {
                    clients.Remove(client);
                }
                else
                {
                    SocketTransfer.SendAll(client, buffer.AsSpan(0, n));
                }
            }
        }

        Assert.Equal(
            "while the first client stayed connected, the second a turn has not returned for 2 s: wait in Select with a timeout, and receive only from sockets it says are ready",
            ConcurrencyTestbench.SelectTurns(ReceivesFromAll));
    }

    [Fact]
    public void SelectTurns_PassesOnAStub()
    {
        Assert.Throws<NotImplementedException>(() => ConcurrencyTestbench.SelectTurns((_, _) => throw new NotImplementedException()));
    }

    // A right turn but for one thing: what it sends back, or which clients it keeps.
    private static void TurnThat(Socket listener, List<Socket> clients, Func<byte[], byte[]> answer, bool serveOnlyTheNewest = false, bool closeAfterEcho = false, bool keepClosed = false)
    {
        var ready = new List<Socket>(serveOnlyTheNewest && clients.Count > 0 ? [clients[^1]] : clients) { listener };
        Socket.Select(ready, null, null, 100_000);
        foreach (var socket in ready)
        {
            if (socket == listener)
            {
                clients.Add(listener.Accept());
                continue;
            }
            var buffer = new byte[4096];
            var n = socket.Receive(buffer);
            if (n == 0)
            {
                if (!keepClosed)
                {
                    clients.Remove(socket);
                    socket.Close();
                }
                continue;
            }
            SocketTransfer.SendAll(socket, answer(buffer[..n]));
            if (closeAfterEcho && clients.Count > 1)
            {
                clients.Remove(socket);
                socket.Close();
            }
        }
    }

    [Fact]
    public void SelectTurns_SaysWhatCameBack_WhenItIsNotTheEcho()
    {
        Assert.Equal("the first client got 'FIRST' back",
            ConcurrencyTestbench.SelectTurns((l, c) => TurnThat(l, c, bytes => System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(bytes).ToUpperInvariant()))));
    }

    [Fact]
    public void SelectTurns_CatchesATurnThatForgetsTheFirstClient()
    {
        Assert.Equal("the first client, sending again, got no echo within 2 s",
            ConcurrencyTestbench.SelectTurns((l, c) => TurnThat(l, c, bytes => bytes, serveOnlyTheNewest: true)));
    }

    [Fact]
    public void SelectTurns_CatchesATurnThatHangsUpOnAClient()
    {
        Assert.Equal("after the first client closed, the second was disconnected before its echo came",
            ConcurrencyTestbench.SelectTurns((l, c) => TurnThat(l, c, bytes => bytes, closeAfterEcho: true)));
    }

    [Fact]
    public void TheBenches_RefuseNull()
    {
        Assert.Throws<ArgumentNullException>(() => ConcurrencyTestbench.EchoUntilClosed(null!));
        Assert.Throws<ArgumentNullException>(() => ConcurrencyTestbench.ThreadPerClient(null!));
        Assert.Throws<ArgumentNullException>(() => ConcurrencyTestbench.SelectTurns(null!));
    }

    [Fact]
    public void SelectTurns_SaysWhenNothingIsEchoed()
    {
        static void Deaf(Socket listener, List<Socket> clients) => Thread.Sleep(1);

        Assert.Equal("the first client got no echo within 2 s", ConcurrencyTestbench.SelectTurns(Deaf));
    }

    [Fact]
    public async Task EchoUntilClosed_EndsQuietly_WhenTheClientResets()
    {
        using var pair = ConnectedPair.Tcp();
        var serving = Task.Run(() => ConcurrencyTestbench.EchoUntilClosed(pair.Server));
        pair.Client.Send("x"u8);
        SocketTransfer.ReceiveExactly(pair.Client, 1);

        pair.Client.LingerState = new LingerOption(true, 0);
        pair.Client.Close();

        await serving.WaitAsync(TimeSpan.FromSeconds(10)); // ends, without throwing
        Assert.Equal("client", Assert.Throws<ArgumentNullException>(() => ConcurrencyTestbench.EchoUntilClosed(null!)).ParamName);
    }

    // One turn of a right select loop, but the echo goes back a byte per turn; a client's close is
    // handled as a right turn does, or by onClose instead.
    private static void ByteAtATime(Socket listener, List<Socket> clients, Action? onClose = null)
    {
        var readable = new List<Socket>(clients) { listener };
        Socket.Select(readable, null, null, 10_000);
        foreach (var socket in readable)
        {
            if (socket == listener)
            {
                clients.Add(listener.Accept());
                continue;
            }
            var buffer = new byte[1];
            if (socket.Receive(buffer) == 0)
            {
                if (onClose is not null)
                {
                    onClose();
                    return;
                }
                clients.Remove(socket);
                socket.Dispose();
                continue;
            }
            socket.Send(buffer);
        }
    }

    [Fact]
    public void SelectTurns_PassesAnEchoThatComesBackInPieces()
    {
        Assert.Equal("both served; the closed client was removed", ConcurrencyTestbench.SelectTurns((l, c) => ByteAtATime(l, c)));
    }

    [Fact]
    public void SelectTurns_SaysWhenAClientLostItsConnection()
    {
        static void Resets(Socket listener, List<Socket> clients)
        {
            if (listener.Poll(10_000, SelectMode.SelectRead))
            {
                var client = listener.Accept();
                client.LingerState = new LingerOption(true, 0);
                client.Receive(new byte[16]);
                client.Close(); // a reset: the bench's receive fails
            }
        }

        Assert.Equal("the first client lost its connection (ConnectionReset)", ConcurrencyTestbench.SelectTurns(Resets));
    }

    [Fact]
    public void SelectTurns_PassesOnAFailureAfterTheFirstClientCloses()
    {
        void FailsOnAClose(Socket listener, List<Socket> clients)
        {
            ByteAtATime(listener, clients, onClose: () => throw new InvalidOperationException("a turn that breaks on a close"));
        }

        var ex = Assert.Throws<InvalidOperationException>(() => ConcurrencyTestbench.SelectTurns(FailsOnAClose));

        Assert.Equal("a turn that breaks on a close", ex.Message);
    }

    [Fact]
    public void SelectTurns_NamesATurnThatBlocksOnceTheFirstClientCloses()
    {
        void BlocksOnAClose(Socket listener, List<Socket> clients)
        {
            ByteAtATime(listener, clients, onClose: () => listener.Accept()); // waits for a client that never comes
        }

        Assert.Equal("a turn has not returned for 2 s: wait in Select with a timeout, and receive only from sockets it says are ready", ConcurrencyTestbench.SelectTurns(BlocksOnAClose));
    }

    [Fact]
    public void SelectTurns_RunsTheTurnsOnABackgroundThreadOfItsOwn_AndStopsItBeforeReturning()
    {
        Thread? turns = null;
        var background = false;
        void Watched(Socket listener, List<Socket> clients)
        {
            if (turns is null)
            {
                turns = Thread.CurrentThread;
                background = turns.IsBackground; // read while it lives: a dead thread's state cannot be
            }
            ByteAtATime(listener, clients);
        }

        Assert.Equal("both served; the closed client was removed", ConcurrencyTestbench.SelectTurns(Watched));
        Assert.NotNull(turns);
        Assert.Equal(("select-loop turns", true), (turns.Name, background));
        Assert.False(turns.IsAlive, "the bench's thread is still calling turns after it returned");
    }
}
