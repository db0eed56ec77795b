using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Sockets;

public sealed class TestbenchTests
{
    [Fact]
    public void SendThroughSmallBuffer_OneSend_LosesData()
    {
        // 8 MiB: with the peer reading meanwhile, gVisor's loopback once took all of 1 MiB in one Send.
        var received = Testbench.SendThroughSmallBuffer((socket, data) => socket.Send(data), 8 << 20);

        Assert.True(received < 8 << 20, $"{received} bytes arrived");
    }

    [Fact]
    public void SendThroughSmallBuffer_SendAll_GetsEverything()
    {
        Assert.Equal(1 << 20, Testbench.SendThroughSmallBuffer((socket, data) => SocketTransfer.SendAll(socket, data), 1 << 20));
    }

    [Fact]
    public void ReceiveInPieces_OneReceive_GetsOnlyThePieceThatArrived()
    {
        var text = Testbench.ReceiveInPieces(socket => { var b = new byte[11]; return b[..socket.Receive(b)]; }, ["hello", " ", "world"]);

        Assert.Equal("hello", text);
    }

    [Fact]
    public void ReceiveInPieces_ALoopThatIgnoresTheEnd_FailsWithinTheDeadlineSayingWhy()
    {
        var ex = Assert.Throws<TimeoutException>(() => Testbench.ReceiveInPieces(socket =>
        {
            var b = new byte[10];
            var got = 0;
            while (got < 10)
            {
                got += socket.Receive(b, got, 10 - got, SocketFlags.None);
            }
            return b;
        }, ["abc"]));

        Assert.Contains("Receive returns 0 at the end of the stream", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_AnExceptionPassesThroughUnwrapped()
    {
        Assert.Throws<EndOfStreamException>(() => Testbench.Within(() => throw new EndOfStreamException()));
    }
}
