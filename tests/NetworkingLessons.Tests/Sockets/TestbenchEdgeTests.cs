using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Sockets;

/// <summary>The exercise test benches with right and wrong answers, as lessons 05–10 give them.</summary>
public sealed class TestbenchEdgeTests
{
    [Fact]
    public void SendThroughSmallBuffer_SendingOtherBytes_IsCaught()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Testbench.SendThroughSmallBuffer((socket, data) => SocketTransfer.SendAll(socket, new byte[data.Length]), 4096));

        Assert.Equal("The peer received bytes in another order than they were sent.", ex.Message);
        Assert.Equal(0, Testbench.SendThroughSmallBuffer((socket, data) => SocketTransfer.SendAll(socket, data), 0));
        Assert.Throws<ArgumentNullException>(() => Testbench.SendThroughSmallBuffer(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Testbench.SendThroughSmallBuffer((_, _) => { }, -1));
    }

    [Fact]
    public void ReceiveInPieces_ALoopToTheEnd_GetsEveryPiece_AndWithoutTheCloseAnExactReadStillWorks()
    {
        Assert.Equal("hello world", Testbench.ReceiveInPieces(socket => SocketTransfer.ReceiveToEnd(socket), ["hello", " ", "world"]));
        Assert.Equal("abcdef", Testbench.ReceiveInPieces(socket => SocketTransfer.ReceiveExactly(socket, 6), ["abc", "def"], closeAfter: false));
        Assert.Throws<ArgumentNullException>(() => Testbench.ReceiveInPieces(null!, ["a"]));
        Assert.Throws<ArgumentNullException>(() => Testbench.ReceiveInPieces(s => [], null!));
    }

    [Fact]
    public void SilentPeer_AReceiveWithATimeout_TimesOut_AndOneWithoutWouldHang()
    {
        var error = Testbench.SilentPeer(socket =>
        {
            socket.ReceiveTimeout = 100;
            try
            {
                socket.Receive(new byte[1]);
                return SocketError.Success;
            }
            catch (SocketException ex)
            {
                return ex.SocketErrorCode;
            }
        });

        Assert.Equal(SocketError.TimedOut, error);
        Assert.Throws<ArgumentNullException>(() => Testbench.SilentPeer<int>(null!));
    }

    [Fact]
    public void FullListener_AConnectWaits_UntilTheCallerGivesUp()
    {
        var connectedInTime = Testbench.FullListener(endPoint =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try
            {
                socket.Connect(endPoint);
                return true;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                return socket.Poll(300_000, SelectMode.SelectWrite);
            }
        });

        Assert.False(connectedInTime);
        Assert.Throws<ArgumentNullException>(() => Testbench.FullListener<int>(null!));
    }

    [Fact]
    public void OneBecomesReadable_SocketSelect_NamesOnlyTheOneThatGotAByte()
    {
        var chosen = Testbench.OneBecomesReadable(sockets =>
        {
            var readable = sockets.ToList();
            Socket.Select(readable, null, null, 5_000_000);
            return readable;
        }, 4, 2, TimeSpan.FromMilliseconds(50));

        Assert.Equal([2], chosen);
        Assert.Equal([0, 1, 2], Testbench.OneBecomesReadable(sockets => sockets, 3, 1, TimeSpan.Zero)); // an answer that names them all
    }

    [Fact]
    public void OneBecomesReadable_ChecksItsArguments()
    {
        Assert.Throws<ArgumentNullException>(() => Testbench.OneBecomesReadable(null!, 2, 0, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Testbench.OneBecomesReadable(s => s, 0, 0, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Testbench.OneBecomesReadable(s => s, 2, 2, TimeSpan.Zero));
    }

    private static Socket Retrying(Func<Socket> once, int tries)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return once();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused && attempt < tries)
            {
                // refused: try again
            }
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public void CountConnectAttempts_ARetryLoop_ConnectsAfterTheRefusals(int refusals, int attempts)
    {
        Assert.Equal(attempts, Testbench.CountConnectAttempts(once => Retrying(once, 5), refusals));
    }

    [Fact]
    public void CountConnectAttempts_GivingUp_IsTheAttemptsNegated_AndDeniedIsNotRetried()
    {
        Assert.Equal(-2, Testbench.CountConnectAttempts(once => Retrying(once, 2), 4));
        Assert.Equal(-1, Testbench.CountConnectAttempts(once => Retrying(once, 5), 0, deniedInstead: true));
    }

    [Fact]
    public void CountConnectAttempts_AnUnconnectedSocket_IsNotAConnection()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Testbench.CountConnectAttempts(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), 0));

        Assert.Equal("The socket returned is not connected.", ex.Message);
        Assert.Throws<ArgumentNullException>(() => Testbench.CountConnectAttempts(null!, 0));
    }

    [Fact]
    public void Within_AnActionThatFinishes_Returns()
    {
        var ran = false;

        Testbench.Within(() => { ran = true; });

        Assert.True(ran);
        Assert.Throws<ArgumentNullException>(() => Testbench.Within((Action)null!));
        Assert.Throws<ArgumentNullException>(() => Testbench.Within<int>(null!));
        Assert.Equal(TimeSpan.FromSeconds(10), Testbench.Deadline);
    }

    [Fact]
    public void OneBecomesReadable_NoSockets_IsRefusedForItsCount()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Testbench.OneBecomesReadable(s => s, 0, 0, TimeSpan.Zero)).ParamName);
    }

    [Fact]
    public void Within_PassesOnTheFunctionsOwnTimeout_AsItIs()
    {
        var ex = Assert.Throws<TimeoutException>(() => Testbench.Within<int>(() => throw new TimeoutException("the function's own")));

        Assert.Equal("the function's own", ex.Message);
    }
}
