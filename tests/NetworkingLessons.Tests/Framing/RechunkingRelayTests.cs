using System.Net.Sockets;
using NetworkingLessons.Echo;
using NetworkingLessons.Framing;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Framing;

/// <summary>The relay moves the boundaries and nothing else: every byte arrives, in order; sends are split and joined.</summary>
public sealed class RechunkingRelayTests
{
    [Fact]
    public async Task EveryByte_ArrivesInOrder_ThroughTheRelayAndBack()
    {
        await using var echo = EchoServer.Start();
        await using var relay = RechunkingRelay.Start(echo.EndPoint, maxChunk: 100, seed: 5);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 20_000 };
        client.Connect(relay.EndPoint);
        var data = new byte[20_000];
        new Random(3).NextBytes(data);

        SocketTransfer.SendAll(client, data);

        Assert.Equal(data, SocketTransfer.ReceiveExactly(client, data.Length));
    }

    [Fact]
    public async Task OneSend_ArrivesInPiecesNoLargerThanTheMaximum()
    {
        await using var echo = EchoServer.Start();
        await using var relay = RechunkingRelay.Start(echo.EndPoint, maxChunk: 7, seed: 1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        client.Connect(relay.EndPoint);

        client.Send(new byte[100]);
        SocketTransfer.ReceiveExactly(client, 100);

        Assert.Equal(100, relay.PiecesToServer.Sum());
        Assert.All(relay.PiecesToServer, p => Assert.InRange(p, 1, 7));
        Assert.True(relay.PiecesToServer.Count >= 100 / 7);
    }

    [Fact]
    public async Task TwoQuickSends_CanArriveAsOneReceive()
    {
        // "Can": on a loaded machine the relay may take the two sends one at a time, so a few
        // tries are allowed for the one where it gathered both; every try keeps every byte. Each
        // try has its own seed: a gathered try's pieces may still happen to end where "first" does.
        var tries = new List<List<int>>();
        for (var attempt = 0; attempt < 5 && !tries.Any(CrossesTheBoundary); attempt++)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            listener.Listen();
            await using var relay = RechunkingRelay.Start((System.Net.IPEndPoint)listener.LocalEndPoint!, maxChunk: 64, seed: 2 + attempt);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.Connect(relay.EndPoint);
            using var server = listener.Accept();

            client.Send("first"u8);
            client.Send("second"u8);
            client.Shutdown(SocketShutdown.Send);
            var pieces = new List<int>();
            server.ReceiveTimeout = 10_000;
            var buffer = new byte[100];
            while (server.Receive(buffer) is var n and > 0)
            {
                pieces.Add(n);
            }

            Assert.Equal(11, pieces.Sum());
            Assert.Equal(relay.PiecesToServer, pieces);
            tries.Add(pieces);
        }

        // Gathered for a moment and passed on in pieces: one piece holds the end of "first" and the start of "second".
        Assert.Contains(tries, CrossesTheBoundary);
    }

    // Whether a piece starts before byte 5, where "second" begins, and ends after it.
    private static bool CrossesTheBoundary(List<int> pieces)
    {
        var at = 0;
        foreach (var piece in pieces)
        {
            if (at < 5 && at + piece > 5)
            {
                return true;
            }
            at += piece;
        }
        return false;
    }

    [Fact]
    public void Start_RefusesNoTargetAndPiecesUnderOneByte()
    {
        Assert.Throws<ArgumentNullException>(() => RechunkingRelay.Start(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => RechunkingRelay.Start(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9), maxChunk: 0));
    }

    [Fact]
    public async Task Pieces_RangeFromOneByteUpToTheMaximumItself()
    {
        await using var echo = EchoServer.Start();
        await using var relay = RechunkingRelay.Start(echo.EndPoint, maxChunk: 3, seed: 4);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 20_000 };
        client.Connect(relay.EndPoint);

        client.Send(new byte[300]);
        SocketTransfer.ReceiveExactly(client, 300);

        Assert.Equal([1, 2, 3], relay.PiecesToServer.Distinct().Order());
    }

    [Fact]
    public async Task MoreThanItsBufferAtOnce_AllArrives()
    {
        // 64 KiB is the relay's buffer: a quarter of a megabyte in one send fills it several times over.
        await using var echo = EchoServer.Start();
        await using var relay = RechunkingRelay.Start(echo.EndPoint, maxChunk: 65_536, seed: 6);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 20_000, SendTimeout = 20_000 };
        client.Connect(relay.EndPoint);
        var data = new byte[256 * 1024];
        new Random(8).NextBytes(data);

        var sending = Task.Run(() => SocketTransfer.SendAll(client, data));
        var back = SocketTransfer.ReceiveExactly(client, data.Length);
        await sending;

        Assert.Equal(data, back);
    }

    [Fact]
    public async Task TheEndOfTheStream_PassesOnInBothDirections()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen();
        await using var relay = RechunkingRelay.Start((System.Net.IPEndPoint)listener.LocalEndPoint!);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        client.Connect(relay.EndPoint);
        using var server = listener.Accept();
        server.ReceiveTimeout = 10_000;

        // Bytes first, and only once they have arrived the end: the relay sees it on its own.
        client.Send("up"u8);
        Assert.Equal("up"u8.ToArray(), SocketTransfer.ReceiveExactly(server, 2));
        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, server.Receive(new byte[1]));

        server.Send("down"u8);
        Assert.Equal("down"u8.ToArray(), SocketTransfer.ReceiveExactly(client, 4));
        server.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, client.Receive(new byte[1]));
    }

    [Fact]
    public async Task Stopping_EndsItsConnections_AndStopsListening()
    {
        await using var echo = EchoServer.Start();
        var relay = RechunkingRelay.Start(echo.EndPoint);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        client.Connect(relay.EndPoint);
        client.Send("x"u8);
        SocketTransfer.ReceiveExactly(client, 1);

        await relay.DisposeAsync();
        await relay.DisposeAsync();

        // Ended by the relay (an end of stream or a reset), not left hanging until the timeout.
        var ended = Record.Exception(() => Assert.Equal(0, client.Receive(new byte[1])));
        Assert.True(ended is null or SocketException { SocketErrorCode: SocketError.ConnectionReset }, ended?.ToString());
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Equal(SocketError.ConnectionRefused, Assert.Throws<SocketException>(() => late.Connect(relay.EndPoint)).SocketErrorCode);
        Assert.Equal($"relay {relay.EndPoint} → {echo.EndPoint}: pieces of 1 to 7 bytes", relay.ToString());
    }
}
