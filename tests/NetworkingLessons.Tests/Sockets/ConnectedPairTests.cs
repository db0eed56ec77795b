using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Sockets;

public sealed class ConnectedPairTests
{
    private static void BytesGoBothWays(ConnectedPair pair)
    {
        pair.Client.Send("ping"u8);
        var buffer = new byte[4];
        pair.Server.ReceiveTimeout = 10_000;
        pair.Client.ReceiveTimeout = 10_000;
        Assert.Equal(4, pair.Server.Receive(buffer));
        Assert.Equal("ping"u8.ToArray(), buffer);
        pair.Server.Send("pong"u8);
        Assert.Equal(4, pair.Client.Receive(buffer));
        Assert.Equal("pong"u8.ToArray(), buffer);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tcp_IsAConnectionOnLoopback_InTheFamilyAsked(bool ipv6)
    {
        using var pair = ConnectedPair.Tcp(ipv6);

        var loopback = ipv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        Assert.Equal((loopback, loopback), (((IPEndPoint)pair.Client.RemoteEndPoint!).Address, ((IPEndPoint)pair.Server.RemoteEndPoint!).Address));
        Assert.Equal(pair.Client.LocalEndPoint, pair.Server.RemoteEndPoint);
        Assert.Equal(pair.Server.LocalEndPoint, pair.Client.RemoteEndPoint);
        Assert.Equal((ProtocolType.Tcp, ProtocolType.Tcp), (pair.Client.ProtocolType, pair.Server.ProtocolType));
        Assert.Null(pair.Path);
        BytesGoBothWays(pair);
    }

    [Fact]
    public void Tcp_ClosesItsListener_OnceItHasAccepted()
    {
        using var pair = ConnectedPair.Tcp();

        using var another = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var ex = Assert.Throws<SocketException>(() => another.Connect(pair.Client.RemoteEndPoint!));
        Assert.Equal(SocketError.ConnectionRefused, ex.SocketErrorCode);
    }

    [Fact]
    public void Unix_IsAConnectionThroughAFileInTheTempFolder_ThatDisposeDeletes()
    {
        string path;
        var pair = ConnectedPair.Unix();
        using (pair)
        {
            path = pair.Path!;
            Assert.Equal(Path.GetTempPath().TrimEnd('/'), Path.GetDirectoryName(path));
            Assert.Matches(@"^nl-[0-9a-f]{32}\.sock$", Path.GetFileName(path));
            Assert.True(IsSocketFile(path), $"{path} is not there while the pair lives");
            Assert.Equal((AddressFamily.Unix, AddressFamily.Unix), (pair.Client.AddressFamily, pair.Server.AddressFamily));
            BytesGoBothWays(pair);
        }
        Assert.False(IsSocketFile(path), $"{path} is still there after Dispose");
        Assert.Equal(path, pair.Path); // still named, for a message about it
    }

    // File.Exists says false for a socket file; test -S asks the system.
    private static bool IsSocketFile(string path)
    {
        using var test = System.Diagnostics.Process.Start("test", ["-S", path]);
        Assert.True(test.WaitForExit(TimeSpan.FromSeconds(30)));
        return test.ExitCode == 0;
    }

    [Fact]
    public void Dispose_ClosesBothSockets()
    {
        var pair = ConnectedPair.Tcp();

        pair.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pair.Client.Send([1]));
        Assert.Throws<ObjectDisposedException>(() => pair.Server.Send([1]));
        pair.Dispose(); // twice is harmless
    }
}
