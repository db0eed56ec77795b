using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Echo;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Echo;

/// <summary>Lesson 10's peers: each tells a right answer from the pitfalls its exercise names, and a stub's exception comes out.</summary>
public sealed class EchoTestbenchTests
{
    private static string RightClient(Socket socket, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        SocketTransfer.SendAll(socket, bytes);
        return Encoding.UTF8.GetString(SocketTransfer.ReceiveExactly(socket, bytes.Length));
    }

    private static string OneReceiveClient(Socket socket, string text)
    {
        socket.Send(Encoding.UTF8.GetBytes(text));
        var buffer = new byte[4096];
        return Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer));
    }

    private static string CharacterCountClient(Socket socket, string text)
    {
        socket.Send(Encoding.UTF8.GetBytes(text));
        return Encoding.UTF8.GetString(SocketTransfer.ReceiveExactly(socket, text.Length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100_000)]
    public void PiecewiseEcho_GivesARightClientItsWholeEcho(int pieceSize)
    {
        Assert.Equal("hello, 世界", EchoTestbench.PiecewiseEcho(s => RightClient(s, "hello, 世界"), pieceSize));
    }

    [Fact]
    public void PiecewiseEcho_GivesAOneReceiveClientOnlyTheFirstPiece()
    {
        Assert.Equal("hel", EchoTestbench.PiecewiseEcho(s => OneReceiveClient(s, "hello, echo"), pieceSize: 3));
    }

    [Fact]
    public void PiecewiseEcho_CutsAClientThatCountsCharactersShort()
    {
        // 4 characters, 12 bytes: waiting for 4 bytes gets one character and a third.
        Assert.NotEqual("测试数据", EchoTestbench.PiecewiseEcho(s => CharacterCountClient(s, "测试数据"), pieceSize: 100));
    }

    [Fact]
    public void PiecewiseEcho_PassesOnTheClientsException()
    {
        Assert.Throws<NotImplementedException>(() => EchoTestbench.PiecewiseEcho<string>(_ => throw new NotImplementedException()));
    }

    [Fact]
    public void PiecewiseEcho_RefusesAPieceSizeBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EchoTestbench.PiecewiseEcho(_ => 0, pieceSize: 0));
    }

    private static void LoopingServer(Socket connection)
    {
        var buffer = new byte[2048];
        while (connection.Receive(buffer) is var n and > 0)
        {
            SocketTransfer.SendAll(connection, buffer.AsSpan(0, n));
        }
        connection.Shutdown(SocketShutdown.Send);
    }

    private static void OneReceiveServer(Socket connection)
    {
        var buffer = new byte[2048];
        var n = connection.Receive(buffer);
        connection.Send(buffer, n, SocketFlags.None);
        connection.Shutdown(SocketShutdown.Send);
    }

    [Fact]
    public void Talk_HearsEveryMessageFromALoopingServer_AndItsClose()
    {
        var (echoes, ending) = EchoTestbench.Talk(LoopingServer, ["one", "two", new string('z', 70_000)]);

        Assert.Equal(["one", "two", new string('z', 70_000)], echoes);
        Assert.Equal("the server closed its side after the client did", ending);
    }

    [Fact]
    public void Talk_ShowsAOneReceiveServerStoppingAfterTheFirstMessage()
    {
        var (echoes, ending) = EchoTestbench.Talk(OneReceiveServer, ["one", "two", "three"]);

        Assert.Equal(["one", ""], echoes);
        Assert.Equal("the server closed the connection after echoing 0 of 3 bytes", ending);
    }

    [Fact]
    public void Talk_ShowsAOneReceiveServerCuttingALongMessage()
    {
        var (echoes, _) = EchoTestbench.Talk(OneReceiveServer, [new string('a', 5000)]);

        Assert.Equal(2048, echoes[0].Length);
    }

    [Fact]
    public void Talk_PassesOnTheServersException_WithoutWaitingForTheDeadline()
    {
        var started = DateTime.UtcNow;
        Assert.Throws<NotImplementedException>(() => EchoTestbench.Talk(_ => throw new NotImplementedException(), ["one"]));
        Assert.True(DateTime.UtcNow - started < Testbench.Deadline, "a stub's exception should end the check at once");
    }

    [Fact]
    public void Talk_SaysWhenTheServerNeverEndsItsSide()
    {
        static void ReturnsWithoutClosing(Socket connection)
        {
            var buffer = new byte[2048];
            while (connection.Receive(buffer) is var n and > 0)
            {
                connection.Send(buffer, n, SocketFlags.None);
            }
        }

        var (echoes, ending) = EchoTestbench.Talk(ReturnsWithoutClosing, ["one"]);

        Assert.Equal(["one"], echoes);
        Assert.Equal($"no answer within {Testbench.Deadline.TotalSeconds:0} s", ending);
    }

    private static async Task ConcurrentServer(Socket listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptAsync(stop);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var buffer = new byte[4096];
                    while (await client.ReceiveAsync(buffer, stop) is var n and > 0)
                    {
                        await client.SendAsync(buffer.AsMemory(0, n), stop);
                    }
                }
            }, stop);
        }
    }

    private static async Task SequentialServer(Socket listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptAsync(stop);
            var buffer = new byte[4096];
            while (await client.ReceiveAsync(buffer, stop) is var n and > 0)
            {
                await client.SendAsync(buffer.AsMemory(0, n), stop);
            }
        }
    }

    [Fact]
    public async Task TwoClientsAtOnce_PassesAServerThatServesBoth()
    {
        Assert.Equal("both served at once", await EchoTestbench.TwoClientsAtOnce(ConcurrentServer, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TwoClientsAtOnce_CatchesAServerThatServesOneClientToTheEnd()
    {
        Assert.Equal(
            "while the first client stayed connected, the second got no echo within 0.5 s",
            await EchoTestbench.TwoClientsAtOnce(SequentialServer, TimeSpan.FromSeconds(0.5)));
    }

    [Fact]
    public async Task TwoClientsAtOnce_SaysWhenEvenTheFirstGetsNoEcho()
    {
        Task Deaf(Socket listener, CancellationToken stop) => Task.Delay(Timeout.Infinite, stop);

        Assert.Equal("the first client got no echo within 0.5 s", await EchoTestbench.TwoClientsAtOnce(Deaf, TimeSpan.FromSeconds(0.5)));
    }

    [Fact]
    public async Task TwoClientsAtOnce_PassesOnTheServersException()
    {
        await Assert.ThrowsAsync<NotImplementedException>(() => EchoTestbench.TwoClientsAtOnce((_, _) => throw new NotImplementedException(), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void PiecewiseEcho_SendsEachPieceOnlyOnceTheLastWasRead()
    {
        // A slow reader: if the peer did not wait for each piece to be read, pieces would pile up
        // in the socket and one Receive would take several.
        var sizes = EchoTestbench.PiecewiseEcho(socket =>
        {
            socket.Send(new byte[16]);
            var buffer = new byte[64];
            var sizes = new List<int>();
            for (var i = 0; i < 4; i++)
            {
                Thread.Sleep(50); // the slow reader the scenario needs, not a wait for a condition
                sizes.Add(socket.Receive(buffer));
            }
            return sizes;
        });

        Assert.Equal([4, 4, 4, 4], sizes);
    }

    [Fact]
    public async Task Arguments_AreCheckedByName()
    {
        Assert.Equal("client", Assert.Throws<ArgumentNullException>(() => EchoTestbench.PiecewiseEcho<int>(null!)).ParamName);
        Assert.Equal("serve", Assert.Throws<ArgumentNullException>(() => EchoTestbench.Talk(null!, ["a"])).ParamName);
        Assert.Equal("messages", Assert.Throws<ArgumentNullException>(() => EchoTestbench.Talk(_ => { }, null!)).ParamName);
        Assert.Equal("serve", (await Assert.ThrowsAsync<ArgumentNullException>(() => EchoTestbench.TwoClientsAtOnce(null!, TimeSpan.FromSeconds(1)))).ParamName);
    }

    [Fact]
    public void Talk_SaysWhenTheServerSendsMoreThanTheEcho()
    {
        static void EchoesThenAddsMore(Socket connection)
        {
            var buffer = new byte[2048];
            while (connection.Receive(buffer) is var n and > 0)
            {
                connection.Send(buffer, n, SocketFlags.None);
            }
            connection.Send("and more"u8.ToArray());
            connection.Shutdown(SocketShutdown.Send);
        }

        var (echoes, ending) = EchoTestbench.Talk(EchoesThenAddsMore, ["one"]);

        Assert.Equal(["one"], echoes);
        Assert.Equal("the server sent more than was echoed", ending);
    }

    [Fact]
    public void Talk_SaysWhenTheServerResets()
    {
        static void Resets(Socket connection)
        {
            connection.Receive(new byte[2048]);
            connection.LingerState = new LingerOption(true, 0);
            connection.Close();
        }

        var (echoes, ending) = EchoTestbench.Talk(Resets, ["one"]);

        Assert.Equal("the connection ended with ConnectionReset", ending);
        Assert.Empty(echoes);
    }

    [Fact]
    public void Talk_NamesAServerThatDoesNotReturnOnceTheClientCloses()
    {
        using var release = new ManualResetEventSlim();
        void EchoesThenHangs(Socket connection)
        {
            var buffer = new byte[2048];
            while (connection.Receive(buffer) is var n and > 0)
            {
                connection.Send(buffer, n, SocketFlags.None);
            }
            connection.Shutdown(SocketShutdown.Send);
            release.Wait(TimeSpan.FromSeconds(30));
        }

        try
        {
            var ex = Assert.Throws<TimeoutException>(() => EchoTestbench.Talk(EchoesThenHangs, ["one"]));

            Assert.Equal($"the server did not return within {Testbench.Deadline.TotalSeconds:0} s of the client closing: does it loop until Receive returns 0?", ex.Message);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task TwoClientsAtOnce_SaysWhenTheFirstIsDisconnected()
    {
        static async Task HangsUp(Socket listener, CancellationToken stop)
        {
            using var client = await listener.AcceptAsync(stop);
            await client.ReceiveAsync(new byte[16], stop);
            client.Shutdown(SocketShutdown.Both);
            await Task.Delay(Timeout.Infinite, stop);
        }

        Assert.Equal("the first client was disconnected before its echo came", await EchoTestbench.TwoClientsAtOnce(HangsUp, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TwoClientsAtOnce_SaysWhatCameBackInstead()
    {
        static async Task Shouts(Socket listener, CancellationToken stop)
        {
            using var client = await listener.AcceptAsync(stop);
            var buffer = new byte[16];
            var n = await client.ReceiveAsync(buffer, stop);
            await client.SendAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer, 0, n).ToUpperInvariant()), stop);
            await Task.Delay(Timeout.Infinite, stop);
        }

        Assert.Equal("the first client got 'FIRST' back", await EchoTestbench.TwoClientsAtOnce(Shouts, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TwoClientsAtOnce_PassesOnAnExceptionAtOnce_NotAfterItsPatience()
    {
        static async Task FailsOnTheFirstClient(Socket listener, CancellationToken stop)
        {
            using var client = await listener.AcceptAsync(stop);
            throw new InvalidOperationException("the server broke");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => EchoTestbench.TwoClientsAtOnce(FailsOnTheFirstClient, TimeSpan.FromSeconds(60)));

        Assert.Equal("the server broke", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{clock.Elapsed.TotalSeconds} s: the exception should end the check, not the patience");
    }

    [Fact]
    public async Task TwoClientsAtOnce_EndsTheServerItRan()
    {
        // A server that stops only when all of these happen: the token cancelled, the listener
        // closed, and both clients closed. The bench must do all of them before it returns.
        var ended = 0;
        async Task Stubborn(Socket listener, CancellationToken stop)
        {
            var handlers = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await listener.AcceptAsync(CancellationToken.None);
                    handlers.Add(Task.Run(() => ConcurrencyFree.EchoUntilClosed(client), CancellationToken.None));
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // the listener was closed
            }
            await Task.WhenAll(handlers);
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            Interlocked.Increment(ref ended);
        }

        Assert.Equal("both served at once", await EchoTestbench.TwoClientsAtOnce(Stubborn, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, ended);
    }

    private static class ConcurrencyFree
    {
        // Echoes until the client closes, whatever it takes.
        public static void EchoUntilClosed(Socket client)
        {
            using (client)
            {
                var buffer = new byte[4096];
                while (client.Receive(buffer) is var n and > 0)
                {
                    client.Send(buffer, n, SocketFlags.None);
                }
            }
        }
    }
}
