using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Concurrency;
using NetworkingLessons.Echo;
using NetworkingLessons.Sockets;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Concurrency;

/// <summary>Each of lesson 12's designs serves the same echo protocol: byte for byte, many clients at once, one that misbehaves losing only itself, and a clean stop.</summary>
public sealed class EchoDesignServerTests
{
    public static TheoryData<EchoDesign> Designs() => [.. Enum.GetValues<EchoDesign>()];

    private static Socket Connect(IEchoServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        socket.Connect(server.EndPoint);
        return socket;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task HalfAMebibyteInRandomChunks_ComesBackByteForByte(EchoDesign design)
    {
        await using var server = EchoDesigns.Start(design);
        using var client = Connect(server);
        var data = new byte[512 * 1024];
        var random = new Random(12);
        random.NextBytes(data);

        var reading = Task.Run(() => SocketTransfer.ReceiveExactly(client, data.Length));
        for (var sent = 0; sent < data.Length;)
        {
            var chunk = Math.Min(random.Next(1, 40_000), data.Length - sent);
            SocketTransfer.SendAll(client, data.AsSpan(sent, chunk));
            sent += chunk;
        }

        Assert.Equal(data, await reading.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task TwoHundredClientsAtOnce_EachGetTheirOwnEcho(EchoDesign design)
    {
        await using var server = EchoDesigns.Start(design);
        var clients = Enumerable.Range(0, 200).Select(_ => Connect(server)).ToList();
        try
        {
            for (var i = 0; i < clients.Count; i++)
            {
                clients[i].Send(Encoding.ASCII.GetBytes($"client {i:D3}"));
            }
            for (var i = 0; i < clients.Count; i++)
            {
                Assert.Equal($"client {i:D3}", Encoding.ASCII.GetString(SocketTransfer.ReceiveExactly(clients[i], 10)));
            }
            Assert.True(SpinWait.SpinUntil(() => server.Connections == 200, TimeSpan.FromSeconds(10)), $"{server.Connections} connections");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
        Assert.True(SpinWait.SpinUntil(() => server.Connections == 0, TimeSpan.FromSeconds(10)), $"{server.Connections} connections left");
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task AClientThatNeverReads_HoldsUpOnlyItself(EchoDesign design)
    {
        await using var server = EchoDesigns.Start(design);
        using var hoarder = Connect(server);
        var pushed = SendUntilTheServerStopsReading(hoarder, new byte[65536], 1L << 30);
        using var other = Connect(server);

        other.Send("still served"u8);

        Assert.Equal("still served", Encoding.ASCII.GetString(SocketTransfer.ReceiveExactly(other, 12)));
        Assert.True(pushed < 1L << 30, "the server should stop reading from a client that does not read its echoes");
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task AClientThatResets_LeavesTheOthersServed(EchoDesign design)
    {
        await using var server = EchoDesigns.Start(design);
        using var good = Connect(server);
        using (var rude = Connect(server))
        {
            rude.LingerState = new LingerOption(true, 0);
            rude.Send(new byte[100_000]);
        } // closed with unread echoes and linger 0: a reset

        good.Send("ok"u8);

        Assert.Equal("ok", Encoding.ASCII.GetString(SocketTransfer.ReceiveExactly(good, 2)));
        await Condition.WaitAsync(() => server.Connections == 1, TimeSpan.FromSeconds(10), () => $"{server.Connections} connections, not 1: the reset one was kept"); // and the reset one is let go
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task AClientThatEndsItsSide_SeesTheServerEndItsToo(EchoDesign design)
    {
        await using var server = EchoDesigns.Start(design);
        using var client = Connect(server);

        client.Send("bye"u8);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("bye", Encoding.ASCII.GetString(SocketTransfer.ReceiveToEnd(client, limit: 100)));
        await Condition.WaitAsync(() => server.Connections == 0, TimeSpan.FromSeconds(10), () => $"{server.Connections} connections, not 0");
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task Stopping_EndsEveryConnection_AndIsIdempotent(EchoDesign design)
    {
        var server = EchoDesigns.Start(design);
        using var client = Connect(server);
        client.Send("x"u8);
        SocketTransfer.ReceiveExactly(client, 1);

        await server.DisposeAsync();
        await server.DisposeAsync();

        Assert.Equal(0, client.Receive(new byte[1]));
        Assert.Throws<SocketException>(() => Connect(server).Dispose());
    }

    [Fact]
    public void AnUnknownDesign_IsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EchoDesigns.Start((EchoDesign)42));

        Assert.Equal("design", ex.ParamName);
        Assert.StartsWith("No such design.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(ThreadPerClientServer), "thread-per-client echo server on ")]
    [InlineData(typeof(SelectLoopServer), "select-loop echo server on ")]
    public async Task ToString_NamesTheDesignAndEndPoint(Type type, string start)
    {
        await using var server = type == typeof(ThreadPerClientServer) ? (IEchoServer)ThreadPerClientServer.Start() : SelectLoopServer.Start();

        Assert.Equal($"{start}{server.EndPoint}: 0 connections", server.ToString());
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task AClientThatReadsLate_GetsEveryEchoedByteBack(EchoDesign design)
    {
        // The client sends until the server has stopped reading from it (its echoes are not read),
        // then reads: everything the server held back must come out, through partial writes.
        await using var server = EchoDesigns.Start(design);
        using var client = Connect(server);
        var chunk = new byte[65536];
        new Random(7).NextBytes(chunk);
        var pushed = (int)SendUntilTheServerStopsReading(client, chunk, 64 << 20);

        var echo = await Task.Run(() => SocketTransfer.ReceiveExactly(client, pushed)).WaitAsync(TimeSpan.FromSeconds(30));

        for (var at = 0; at < pushed; at += chunk.Length)
        {
            Assert.True(echo.AsSpan(at, Math.Min(chunk.Length, pushed - at)).SequenceEqual(chunk.AsSpan(0, Math.Min(chunk.Length, pushed - at))), $"the echo differs in the 64 KiB from byte {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public async Task Stopping_ReturnsOnlyOnceEveryConnectionIsClosed(EchoDesign design)
    {
        var server = EchoDesigns.Start(design);
        var clients = Enumerable.Range(0, 5).Select(_ => Connect(server)).ToList();
        try
        {
            foreach (var client in clients)
            {
                client.Send("x"u8);
                SocketTransfer.ReceiveExactly(client, 1);
            }
            await Condition.WaitAsync(() => server.Connections == 5, TimeSpan.FromSeconds(10));

            await server.DisposeAsync();

            Assert.Equal(0, server.Connections);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData(EchoDesign.SelectLoop)]
    [InlineData(EchoDesign.ThreadPerClient)]
    public async Task OneClientMoreThanTheMost_IsClosedAtOnce_AndTheOthersAreServed(EchoDesign design)
    {
        await using var server = EchoDesigns.Start(design);
        var most = design == EchoDesign.SelectLoop ? SelectLoopServer.MaxClients : ThreadPerClientServer.MaxClients;
        var clients = new List<Socket>();
        try
        {
            for (var i = 0; i < most; i++)
            {
                clients.Add(Connect(server));
            }
            await Condition.WaitAsync(() => server.Connections == most, TimeSpan.FromSeconds(60), () => $"{server.Connections} of {most} connections");
            using var oneMore = Connect(server);

            Assert.Equal(0, oneMore.Receive(new byte[1])); // closed by the server
            clients[^1].Send("last"u8);
            Assert.Equal("last", Encoding.ASCII.GetString(SocketTransfer.ReceiveExactly(clients[^1], 4)));
            Assert.Equal(most, server.Connections);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData(EchoDesign.SelectLoop, "select loop")]
    [InlineData(EchoDesign.ThreadPerClient, "thread-per-clie")] // Linux keeps 15 characters of a thread's name
    public async Task TheServersThreads_AreNamedForWhatTheyDo(EchoDesign design, string name)
    {
        // What top -H, ps -L and a debugger show: /proc has each thread's name.
        static IEnumerable<string> ThreadNames() => Directory.GetDirectories("/proc/self/task").Select(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "comm")).Trim();
            }
            catch (IOException)
            {
                return ""; // a thread that ended meanwhile
            }
        });
        var server = EchoDesigns.Start(design);
        await using (server)
        {
            Assert.Contains(name, ThreadNames());
        }
    }

    [Fact]
    public void Hangup_OfASocketAlreadyClosed_IsQuiet()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Dispose();

        Listeners.Hangup(socket);
        using var unconnected = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Listeners.Hangup(unconnected);
    }

    // Sends copies of the chunk, back to back, without reading the echoes, until the sends stop going
    // through (20 tries 10 ms apart find no room) or `limit` bytes are sent; returns how many were sent.
    // The bytes sent are the chunk repeated, whatever sizes the partial sends take.
    private static long SendUntilTheServerStopsReading(Socket client, byte[] chunk, long limit)
    {
        client.Blocking = false;
        var pushed = 0L;
        var quiet = 0;
        while (quiet < 20 && pushed < limit)
        {
            try
            {
                var at = (int)(pushed % chunk.Length);
                pushed += client.Send(chunk, at, chunk.Length - at, SocketFlags.None);
                quiet = 0;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                quiet++;
                Thread.Sleep(10);
            }
        }
        client.Blocking = true;
        return pushed;
    }
}
