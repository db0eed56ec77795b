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
}
