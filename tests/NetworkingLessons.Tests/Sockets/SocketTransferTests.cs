using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Sockets;

public sealed class SocketTransferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1 << 20)]
    public async Task SendAllThenReceiveExactly_MoveEveryByte(int count)
    {
        using var pair = ConnectedPair.Tcp();
        var data = new byte[count];
        new Random(count).NextBytes(data);

        var receiving = Task.Run(() => SocketTransfer.ReceiveExactly(pair.Server, count));
        var calls = SocketTransfer.SendAll(pair.Client, data);

        Assert.Equal(data, await receiving);
        Assert.True(calls >= 1);
    }

    [Fact]
    public async Task SendAll_NonBlockingSmallBuffer_TakesSeveralCalls()
    {
        using var pair = ConnectedPair.Tcp();
        pair.Client.SendBufferSize = 16384;
        pair.Server.ReceiveBufferSize = 16384;
        pair.Client.Blocking = false;
        var data = new byte[1 << 20];

        var receiving = Task.Run(() => SocketTransfer.ReceiveExactly(pair.Server, data.Length));
        var calls = SocketTransfer.SendAll(pair.Client, data);

        Assert.True(calls > 1, $"{calls} call(s)");
        Assert.Equal(data.Length, (await receiving).Length);
    }

    [Fact]
    public void ReceiveExactly_PeerClosesEarly_SaysHowManyNeverCame()
    {
        using var pair = ConnectedPair.Tcp();
        pair.Client.Send("abc"u8);
        pair.Client.Shutdown(SocketShutdown.Send);

        var ex = Assert.Throws<EndOfStreamException>(() => SocketTransfer.ReceiveExactly(pair.Server, 10));

        Assert.Equal("The peer closed the connection after 3 of 10 bytes: 7 never came.", ex.Message);
    }

    [Fact]
    public void ReceiveExactly_Cancelled_ClosesTheSocketAndSaysSo()
    {
        using var pair = ConnectedPair.Tcp();
        using var cts = new CancellationTokenSource(100);

        var ex = Assert.Throws<OperationCanceledException>(() => SocketTransfer.ReceiveExactly(pair.Server, 10, cts.Token));

        Assert.Contains("the socket was closed to stop it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveToEnd_OverTheLimit_Throws()
    {
        using var pair = ConnectedPair.Tcp();
        pair.Client.Send(new byte[100]);
        pair.Client.Shutdown(SocketShutdown.Send);

        Assert.Throws<InvalidDataException>(() => SocketTransfer.ReceiveToEnd(pair.Server, limit: 50));
    }

    [Fact]
    public void ReceiveToEnd_GetsEverythingUntilTheClose()
    {
        using var pair = ConnectedPair.Unix();
        pair.Client.Send("over a file"u8);
        pair.Client.Shutdown(SocketShutdown.Send);

        Assert.Equal("over a file"u8.ToArray(), SocketTransfer.ReceiveToEnd(pair.Server));
        Assert.EndsWith(".sock", pair.Path, StringComparison.Ordinal); // the listener's file, there until the pair is disposed
    }

    [Fact]
    public void ReceiveToEnd_ExactlyTheLimit_IsAllowed_AndOneMoreIsNot()
    {
        using (var pair = ConnectedPair.Tcp())
        {
            pair.Client.Send(new byte[50]);
            pair.Client.Shutdown(SocketShutdown.Send);
            Assert.Equal(50, SocketTransfer.ReceiveToEnd(pair.Server, limit: 50).Length);
        }
        using (var pair = ConnectedPair.Tcp())
        {
            pair.Client.Send(new byte[51]);
            pair.Client.Shutdown(SocketShutdown.Send);
            Assert.Equal("The peer sent more than 50 bytes before closing.", Assert.Throws<InvalidDataException>(() => SocketTransfer.ReceiveToEnd(pair.Server, limit: 50)).Message);
        }
        using (var pair = ConnectedPair.Tcp())
        {
            pair.Client.Send(new byte[200_000]);
            pair.Client.Shutdown(SocketShutdown.Send);
            Assert.Equal(200_000, SocketTransfer.ReceiveToEnd(pair.Server, limit: 1 << 20).Length); // several buffers' worth
        }
    }

    [Fact]
    public void SendAllAndReceiveToEnd_Cancelled_CloseTheSocketAndSaySo()
    {
        using var pair = ConnectedPair.Tcp();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Nobody reads the server's side: 64 MiB cannot fit in the buffers, so the send waits until cancelled.
        var send = Assert.Throws<OperationCanceledException>(() => SocketTransfer.SendAll(pair.Client, new byte[64 << 20], cancel.Token));
        Assert.Equal("The send was cancelled; the socket was closed to stop it.", send.Message);

        using var other = ConnectedPair.Tcp();
        using var cancelReceive = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var receive = Assert.Throws<OperationCanceledException>(() => SocketTransfer.ReceiveToEnd(other.Server, cancellationToken: cancelReceive.Token));
        Assert.Equal("The receive was cancelled; the socket was closed to stop it.", receive.Message);
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        using var pair = ConnectedPair.Tcp();
        Assert.Equal("socket", Assert.Throws<ArgumentNullException>(() => SocketTransfer.ReceiveExactly(null!, 1)).ParamName);
        Assert.Equal("socket", Assert.Throws<ArgumentNullException>(() => SocketTransfer.ReceiveToEnd(null!)).ParamName);
        Assert.Equal("limit", Assert.Throws<ArgumentOutOfRangeException>(() => SocketTransfer.ReceiveToEnd(pair.Server, limit: 0)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SocketTransfer.ReceiveExactly(pair.Server, -1)).ParamName);
        Assert.Equal("socket", Assert.Throws<ArgumentNullException>(() => SocketTransfer.SendAll(null!, [])).ParamName);
    }

    [Fact]
    public void AResetPeer_IsASocketError_NotACancellation()
    {
        // Not cancelled: whatever the socket says is passed on as it is.
        static ConnectedPair Reset()
        {
            var pair = ConnectedPair.Tcp();
            pair.Server.LingerState = new System.Net.Sockets.LingerOption(true, 0);
            pair.Server.Close();
            pair.Client.ReceiveTimeout = 10_000;
            return pair;
        }
        using (var pair = Reset())
        {
            Assert.Throws<System.Net.Sockets.SocketException>(() => SocketTransfer.ReceiveExactly(pair.Client, 1));
        }
        using (var pair = Reset())
        {
            Assert.Throws<System.Net.Sockets.SocketException>(() => SocketTransfer.ReceiveToEnd(pair.Client));
        }
        using (var pair = Reset())
        {
            Assert.Throws<System.Net.Sockets.SocketException>(() => SocketTransfer.SendAll(pair.Client, new byte[8 << 20]));
        }
    }

    [Fact]
    public void ReceiveToEnd_WithALimitOfOne_ReadsThatByte()
    {
        using var pair = ConnectedPair.Tcp();
        pair.Server.Send("x"u8);
        pair.Server.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        Assert.Equal("x"u8.ToArray(), SocketTransfer.ReceiveToEnd(pair.Client, limit: 1));
    }
}
