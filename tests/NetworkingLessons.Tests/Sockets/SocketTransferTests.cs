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
        Assert.EndsWith(".sock", pair.Path, StringComparison.Ordinal); // .NET deletes the file when the listener that made it closes
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        using var pair = ConnectedPair.Tcp();
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SocketTransfer.ReceiveExactly(pair.Server, -1)).ParamName);
        Assert.Equal("socket", Assert.Throws<ArgumentNullException>(() => SocketTransfer.SendAll(null!, [])).ParamName);
    }
}
