using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Echo;
using NetworkingLessons.Sockets;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Echo;

public sealed class EchoServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static async Task<Socket> ConnectAsync(EchoServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint);
        return socket;
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        for (var got = 0; got < count;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(got));
            Assert.True(n > 0, $"the connection ended after {got} of {count} bytes");
            got += n;
        }
        return buffer;
    }

    [Fact]
    public async Task OneMebibyte_InRandomChunks_ComesBackByteForByte()
    {
        await using var server = EchoServer.Start();
        using var client = await ConnectAsync(server);
        var data = new byte[1 << 20];
        var random = new Random(42);
        random.NextBytes(data);

        var reading = ReceiveAsync(client, data.Length);
        for (var sent = 0; sent < data.Length;)
        {
            var chunk = Math.Min(random.Next(1, 70_000), data.Length - sent);
            sent += await client.SendAsync(data.AsMemory(sent, chunk));
        }

        Assert.Equal(data, await reading.WaitAsync(Wait));
        Assert.Equal(data.Length, server.BytesEchoed);
    }

    [Fact]
    public async Task SeveralMessages_OnOneConnection_EachComeBack()
    {
        await using var server = EchoServer.Start();
        using var client = await ConnectAsync(server);

        foreach (var message in new[] { "first", "second, longer", "三" })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(message);
            await client.SendAsync(bytes);
            Assert.Equal(message, System.Text.Encoding.UTF8.GetString(await ReceiveAsync(client, bytes.Length)));
        }
    }

    [Fact]
    public async Task AThousandClients_AtOnce_EachGetTheirOwnEcho()
    {
        await using var server = EchoServer.Start();
        var clients = new List<Socket>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                clients.Add(await ConnectAsync(server));
            }
            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                var message = BitConverter.GetBytes(i);
                await c.SendAsync(message);
                Assert.Equal(message, await ReceiveAsync(c, message.Length));
            })).WaitAsync(Wait);

            Assert.Equal(1000, server.Accepted);
            Assert.Equal(1000, server.Connections);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task AClientThatResetsMidMessage_LosesOnlyItsOwnConnection()
    {
        await using var server = EchoServer.Start();
        using var other = await ConnectAsync(server);
        var rude = await ConnectAsync(server);
        await rude.SendAsync(new byte[100_000]);
        rude.LingerState = new LingerOption(true, 0);
        rude.Close();

        await WaitForAsync(() => server.Connections == 1);

        await other.SendAsync("still here"u8.ToArray());
        Assert.Equal("still here"u8.ToArray(), await ReceiveAsync(other, 10));
    }

    [Fact]
    public async Task AClientThatNeverReads_IsHeldBack_AndOthersAreServed()
    {
        await using var server = EchoServer.Start();
        using var hog = await ConnectAsync(server);
        hog.Blocking = false;
        var chunk = new byte[64 * 1024];
        long sent = 0;
        const long Limit = 512L << 20;
        // Backpressure: the hog's echoes fill its receive buffer, the server stops reading from it,
        // and its sends stop being accepted. Without it, the server would take all 512 MiB.
        while (sent < Limit)
        {
            try
            {
                sent += hog.Send(chunk);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                break;
            }
        }

        Assert.True(sent < Limit, "the server kept taking data from a client that never reads");
        Assert.InRange(server.BytesEchoed, 0, sent);
        using var other = await ConnectAsync(server);
        await other.SendAsync("ping"u8.ToArray());
        Assert.Equal("ping"u8.ToArray(), await ReceiveAsync(other, 4).WaitAsync(Wait));
    }

    [Fact]
    public async Task ClientHalfCloses_GetsTheRestAndThenTheEnd()
    {
        await using var server = EchoServer.Start();
        using var client = await ConnectAsync(server);
        await client.SendAsync("last words"u8.ToArray());
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("last words"u8.ToArray(), SocketTransfer.ReceiveToEnd(client));
    }

    [Fact]
    public async Task Dispose_ClosesEveryConnection_AndThePortCanBeBoundAgain()
    {
        var server = EchoServer.Start();
        var endPoint = server.EndPoint;
        using var client = await ConnectAsync(server);
        await client.SendAsync("x"u8.ToArray());
        await ReceiveAsync(client, 1);

        await server.DisposeAsync();
        await server.DisposeAsync();

        client.ReceiveTimeout = 10_000;
        Assert.Equal(0, client.Receive(new byte[1]));
        await using var again = EchoServer.Start(endPoint);
        using var second = await ConnectAsync(again);
        await second.SendAsync("y"u8.ToArray());
        Assert.Equal("y"u8.ToArray(), await ReceiveAsync(second, 1));
    }

    [Fact]
    public async Task Served_ReportsConnectionsAndHowTheyEnded()
    {
        await using var server = EchoServer.Start();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Served += (_, what) => log.Enqueue(what);
        using (var client = await ConnectAsync(server))
        {
            await client.SendAsync(new byte[3]);
            await ReceiveAsync(client, 3);
            client.Shutdown(SocketShutdown.Send);
            SocketTransfer.ReceiveToEnd(client);
        }

        await WaitForAsync(() => log.Count == 2);

        Assert.Equal(["connected", "closed after 3 bytes"], log);
        Assert.StartsWith($"echo server on {server.EndPoint}: ", server.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_PortInUse_Throws()
    {
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        other.Listen();

        var ex = Assert.Throws<SocketException>(() => EchoServer.Start((IPEndPoint)other.LocalEndPoint!));

        Assert.Equal(SocketError.AddressAlreadyInUse, ex.SocketErrorCode);
        Assert.Equal("backlog", Assert.Throws<ArgumentOutOfRangeException>(() => EchoServer.Start(backlog: 0)).ParamName);
    }

    [Fact]
    public async Task Embedded_OfflineFind_IsTheCoursesServer()
    {
        var choice = await EchoServers.FindAsync();

        Assert.True(choice.IsEmbedded);
        Assert.Equal(EchoServers.Embedded.EndPoint, choice.EndPoint);
        Assert.Equal($"Using the course's own echo server on {choice.EndPoint}: offline.", choice.ToString());
    }

    private static Task WaitForAsync(Func<bool> condition) => Condition.WaitAsync(condition, Wait);

    [Fact]
    public async Task Restart_OnThePortOfAStoppedServer_WithAConnectionInTimeWait_BindsAtOnce()
    {
        // The server closes first, so its side of the connection waits in TIME-WAIT: without
        // SO_REUSEADDR, binding the port again would fail for a minute.
        var server = EchoServer.Start();
        var endPoint = server.EndPoint;
        using (var client = await ConnectAsync(server))
        {
            await client.SendAsync("x"u8.ToArray());
            await ReceiveAsync(client, 1);
            await server.DisposeAsync();
            client.ReceiveTimeout = 10_000;
            Assert.Equal(0, client.Receive(new byte[1]));
        }

        await using var again = EchoServer.Start(endPoint);

        Assert.Equal(endPoint, again.EndPoint);
    }

    [Fact]
    public async Task AClientThatResets_IsCountedAndLogged_AndTheServerGoesOn()
    {
        await using var server = EchoServer.Start();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Served += (_, what) => log.Enqueue(what);
        var resetter = await ConnectAsync(server);
        await resetter.SendAsync(new byte[5]);
        await ReceiveAsync(resetter, 5);

        resetter.LingerState = new LingerOption(true, 0);
        resetter.Close(); // a reset, while the server waits to receive

        await WaitForAsync(() => log.Count == 2);
        Assert.Equal(["connected", "ended: ConnectionReset after 5 bytes"], log);
        Assert.Equal(1, server.Resets);
        Assert.Equal(0, server.Connections);
        using var other = await ConnectAsync(server);
        await other.SendAsync("ok"u8.ToArray());
        Assert.Equal("ok"u8.ToArray(), await ReceiveAsync(other, 2));
    }

    [Fact]
    public async Task AnOrderlyClose_IsNotAReset()
    {
        await using var server = EchoServer.Start();
        using (var client = await ConnectAsync(server))
        {
            client.Shutdown(SocketShutdown.Send);
            SocketTransfer.ReceiveToEnd(client);
        }
        await WaitForAsync(() => server.Connections == 0);

        Assert.Equal(0, server.Resets);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task Stop_EndsEachConnection_SayingSo_BeforeItReturns()
    {
        var server = EchoServer.Start();
        var endPoint = server.EndPoint;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Served += (_, what) => log.Enqueue(what);
        using var first = await ConnectAsync(server);
        using var second = await ConnectAsync(server);
        await first.SendAsync(new byte[4]);
        await ReceiveAsync(first, 4);
        await WaitForAsync(() => server.Connections == 2);

        await server.DisposeAsync();

        Assert.Equal(0, server.Connections);
        Assert.Equal(["closed: the server is stopping after 0 bytes", "closed: the server is stopping after 4 bytes"], log.Where(l => l != "connected").Order());
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Equal(SocketError.ConnectionRefused, Assert.Throws<SocketException>(() => late.Connect(endPoint)).SocketErrorCode);
        Assert.Equal($"echo server on {endPoint}: 0 connections, 2 accepted, 4 bytes echoed", server.ToString());
    }

    [Fact]
    public async Task Start_OnThePortOfARunningServer_Throws()
    {
        // .NET's ReuseAddress sets SO_REUSEPORT too on Linux: a server that set it would let a
        // second one share its port, and each would get half the connections.
        await using var running = EchoServer.Start();

        var ex = Assert.Throws<SocketException>(() => EchoServer.Start(running.EndPoint));

        Assert.Equal(SocketError.AddressAlreadyInUse, ex.SocketErrorCode);
    }
}
