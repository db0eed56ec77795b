using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Echo;

namespace NetworkingLessons.Tests.Echo;

public sealed class UdpEchoServerTests
{
    private static Socket Client() => new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };

    [Fact]
    public async Task Datagrams_ComeBackOneForOne_WithTheirBoundaries()
    {
        await using var server = UdpEchoServer.Start();
        using var client = Client();
        foreach (var text in new[] { "a", "bb", "ccc" })
        {
            client.SendTo(System.Text.Encoding.ASCII.GetBytes(text), server.EndPoint);
        }
        var buffer = new byte[100];

        var sizes = Enumerable.Range(0, 3).Select(_ => client.Receive(buffer)).ToList();

        Assert.Equal([1, 2, 3], sizes);
        Assert.Equal(3, server.Echoed);
        Assert.Equal(6, server.BytesEchoed);
    }

    [Fact]
    public async Task TheLargestDatagram_ComesBackWhole()
    {
        await using var server = UdpEchoServer.Start();
        using var client = Client();
        var data = new byte[65_507];
        new Random(3).NextBytes(data);
        client.SendTo(data, server.EndPoint);
        var buffer = new byte[70_000];

        var n = client.Receive(buffer);

        Assert.Equal(data, buffer[..n]);
    }

    [Fact]
    public async Task EmptyDatagram_ComesBackEmpty()
    {
        await using var server = UdpEchoServer.Start();
        using var client = Client();
        client.SendTo([], server.EndPoint);

        Assert.Equal(0, client.Receive(new byte[10]));
    }

    [Fact]
    public async Task TwoClients_EachGetTheirOwn()
    {
        await using var server = UdpEchoServer.Start();
        using var one = Client();
        using var two = Client();
        one.SendTo("one"u8.ToArray(), server.EndPoint);
        two.SendTo("two"u8.ToArray(), server.EndPoint);
        var buffer = new byte[10];

        Assert.Equal("one", System.Text.Encoding.ASCII.GetString(buffer, 0, one.Receive(buffer)));
        Assert.Equal("two", System.Text.Encoding.ASCII.GetString(buffer, 0, two.Receive(buffer)));
    }

    [Fact]
    public async Task ASenderThatVanished_DoesNotStopTheServer()
    {
        await using var server = UdpEchoServer.Start();
        var gone = Client();
        gone.SendTo("bye"u8.ToArray(), server.EndPoint);
        gone.Dispose(); // its echo meets a closed port: an ICMP error comes back to the server
        using var client = Client();
        client.SendTo("hi"u8.ToArray(), server.EndPoint);

        Assert.Equal(2, client.Receive(new byte[10]));
    }

    [Fact]
    public async Task Served_AndDispose()
    {
        var server = UdpEchoServer.Start();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<int>();
        server.Served += (_, size) => seen.Enqueue(size);
        using var client = Client();
        client.SendTo(new byte[7], server.EndPoint);
        client.Receive(new byte[10]);

        await server.DisposeAsync();
        await server.DisposeAsync();

        Assert.Equal([7], seen);
        Assert.Equal($"UDP echo server on {server.EndPoint}: 1 datagrams echoed", server.ToString());
        await using var again = UdpEchoServer.Start(server.EndPoint);
    }

    [Fact]
    public async Task OnIPv6_EchoesToo()
    {
        await using var server = UdpEchoServer.Start(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 0));
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp) { ReceiveTimeout = 10_000 };

        client.SendTo("six"u8.ToArray(), server.EndPoint);
        var buffer = new byte[10];

        Assert.Equal(System.Net.IPAddress.IPv6Loopback, server.EndPoint.Address);
        Assert.Equal("six", System.Text.Encoding.ASCII.GetString(buffer, 0, client.Receive(buffer)));
        Assert.Equal(3, server.BytesEchoed);
    }

    [Fact]
    public async Task Start_OnAPortInUse_Throws()
    {
        await using var server = UdpEchoServer.Start();

        Assert.Equal(System.Net.Sockets.SocketError.AddressAlreadyInUse, Assert.Throws<System.Net.Sockets.SocketException>(() => UdpEchoServer.Start(server.EndPoint)).SocketErrorCode);
    }
}
