using System.Net;
using System.Text;
using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Tests.Zmtp;

public class ZmtpSocketTests
{
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);

    private static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Router_MessageFromDealer_ComesWithIdentity_ReplyRoutedBack()
    {
        await using var router = new RouterSocket(AnyLoopbackPort);
        await using var dealer = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "alice");
        Assert.Equal("ROUTER", Encoding.ASCII.GetString(dealer.ServerProperties["Socket-Type"]));
        Assert.Equal(0, dealer.ServerGreeting.AsServer ? 1 : 0);
        await dealer.SendAsync("hello"u8.ToArray(), "world"u8.ToArray());
        var received = await Within(router.ReceiveAsync(CancellationToken.None).AsTask());
        Assert.Equal(["alice", "hello", "world"], received.Select(Encoding.ASCII.GetString));
        Assert.True(router.Send(["alice"u8.ToArray(), "reply"u8.ToArray()]));
        var reply = await dealer.ReceiveAsync();
        Assert.Equal(["reply"], reply.Select(Encoding.ASCII.GetString)); // no identity on the wire
        Assert.False(router.Send(["bob"u8.ToArray(), "lost"u8.ToArray()]));
    }

    [Fact]
    public async Task Router_NoIdentity_GetsFiveBytesStartingWithZero()
    {
        await using var router = new RouterSocket(AnyLoopbackPort);
        await using var one = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER");
        await using var two = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER");
        await one.SendAsync([1]);
        await two.SendAsync([2]);
        var first = await Within(router.ReceiveAsync(CancellationToken.None).AsTask());
        var second = await Within(router.ReceiveAsync(CancellationToken.None).AsTask());
        Assert.Equal(5, first[0].Length);
        Assert.Equal(0, first[0][0]);
        Assert.NotEqual(first[0], second[0]);
        Assert.True(router.Send([first[0], [first[1][0]]]));
        Assert.Equal(first[1], (first[1][0] == 1 ? await one.ReceiveAsync() : await two.ReceiveAsync())[0]);
    }

    [Fact]
    public async Task Router_SameIdentityReconnects_ReplacesOldPipe()
    {
        await using var router = new RouterSocket(AnyLoopbackPort);
        await using var old = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "front-end");
        await old.SendAsync("one"u8.ToArray());
        await Within(router.ReceiveAsync(CancellationToken.None).AsTask());
        await using var again = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "front-end");
        await again.SendAsync("two"u8.ToArray());
        var received = await Within(router.ReceiveAsync(CancellationToken.None).AsTask());
        Assert.Equal("two", Encoding.ASCII.GetString(received[1]));
        Assert.True(router.Send(["front-end"u8.ToArray(), "to the new one"u8.ToArray()]));
        Assert.Equal("to the new one", Encoding.ASCII.GetString((await again.ReceiveAsync())[0]));
        Assert.True(await old.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("SUB")]
    [InlineData("PUB")]
    public async Task Router_IncompatiblePeer_DroppedWithReason_OthersServed(string socketType)
    {
        var logged = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var router = new RouterSocket(AnyLoopbackPort, log: l => logged.TrySetResult(l));
        await using var bad = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, socketType);
        Assert.True(await bad.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains($"Socket-Type \"{socketType}\"", await logged.Task.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        await using var good = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "good");
        await good.SendFrameAsync(new ZmtpFrame([0xAA]));
        Assert.Equal([0xAA], (await Within(router.ReceiveAsync(CancellationToken.None).AsTask()))[1]);
    }

    [Fact]
    public async Task Router_ReservedFlagsMidStream_DropsThatPeerOnly()
    {
        var logged = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var router = new RouterSocket(AnyLoopbackPort, log: l => logged.TrySetResult(l));
        await using var good = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "good");
        await using var bad = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "bad");
        await bad.SendRawAsync([0xF0, 0x01, 0x00]);
        Assert.True(await bad.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        await good.SendAsync("still here"u8.ToArray());
        Assert.Equal("still here", Encoding.ASCII.GetString((await Within(router.ReceiveAsync(CancellationToken.None).AsTask()))[1]));
        Assert.Contains("reserved bits", await logged.Task.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Router_FrameOverCap_Dropped()
    {
        await using var router = new RouterSocket(AnyLoopbackPort, new ZmtpLimits { MaxFrameBytes = 1000 });
        await using var peer = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER");
        await peer.SendFrameAsync(new ZmtpFrame(new byte[1000], More: true));
        await peer.SendRawAsync([0x02, 0, 0, 0, 0, 0, 0, 0x03, 0xE9]); // declares 1001 bytes
        Assert.True(await peer.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Handshake_GarbageOrSilence_DroppedWithinTimeout()
    {
        await using var router = new RouterSocket(AnyLoopbackPort, new ZmtpLimits { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        using var silent = new System.Net.Sockets.TcpClient();
        await silent.ConnectAsync(router.LocalEndPoint);
        var stream = silent.GetStream();
        var greeting = new byte[64];
        await stream.ReadExactlyAsync(greeting).AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // ours comes at once
        Assert.Equal(0xFF, greeting[0]);
        var buffer = new byte[256];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await stream.ReadAsync(buffer, cts.Token) > 0)
        {
        }
        using var http = new System.Net.Sockets.TcpClient();
        await http.ConnectAsync(router.LocalEndPoint);
        await http.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".PadRight(64)));
        using var cts2 = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await http.GetStream().ReadAsync(buffer, cts2.Token) > 0)
        {
        }
    }

    [Fact]
    public async Task Ping_AnsweredWithPongEchoingContext()
    {
        await using var router = new RouterSocket(AnyLoopbackPort);
        await using var peer = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "p");
        await peer.SendFrameAsync(new ZmtpCommand("PING", [0, 10, .. "ctx"u8]).ToFrame());
        await peer.SendAsync("after"u8.ToArray());
        await Within(router.ReceiveAsync(CancellationToken.None).AsTask());
        router.Send(["p"u8.ToArray(), "x"u8.ToArray()]);
        var commands = new List<ZmtpCommand>();
        await peer.ReceiveAsync(commands: commands);
        var pong = Assert.Single(commands);
        Assert.Equal(("PONG", "ctx"), (pong.Name, Encoding.ASCII.GetString(pong.Data)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Publisher_SendsOnlyToMatchingSubscriptions_BothZmtp3Forms(byte minor)
    {
        await using var publisher = new PublisherSocket(AnyLoopbackPort);
        await using var subscriber = await ZmtpTestPeer.ConnectAsync(publisher.LocalEndPoint, "SUB", minor: minor);
        var subscribed = new TaskCompletionSource();
        publisher.Subscribed += _ => subscribed.TrySetResult();
        if (minor == 1)
        {
            await subscriber.SendFrameAsync(new ZmtpCommand("SUBSCRIBE", "status"u8.ToArray()).ToFrame());
        }
        else
        {
            await subscriber.SendAsync([1, .. "status"u8]);
        }
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, publisher.Publish(["stream"u8.ToArray(), "not for you"u8.ToArray()]));
        Assert.Equal(1, publisher.Publish(["status"u8.ToArray(), "busy"u8.ToArray()]));
        var message = await subscriber.ReceiveAsync();
        Assert.Equal(["status", "busy"], message.Select(Encoding.ASCII.GetString));
        if (minor == 1)
        {
            await subscriber.SendFrameAsync(new ZmtpCommand("CANCEL", "status"u8.ToArray()).ToFrame());
        }
        else
        {
            await subscriber.SendAsync([0, .. "status"u8]);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (publisher.SubscriptionCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }
        Assert.Equal(0, publisher.SubscriptionCount);
    }

    [Fact]
    public async Task Reply_EchoesFramesUnchanged()
    {
        await using var heartbeat = new ReplySocket(AnyLoopbackPort, frames => frames);
        await using var client = await ZmtpTestPeer.ConnectAsync(heartbeat.LocalEndPoint, "REQ");
        await client.SendAsync([], "ping"u8.ToArray());
        var echoed = await client.ReceiveAsync();
        Assert.Equal(2, echoed.Count);
        Assert.Empty(echoed[0]);
        Assert.Equal("ping", Encoding.ASCII.GetString(echoed[1]));
    }

    [Fact]
    public async Task Dispose_QueuedMessagesStillSent_ThenClosed()
    {
        var router = new RouterSocket(AnyLoopbackPort);
        await using var peer = await ZmtpTestPeer.ConnectAsync(router.LocalEndPoint, "DEALER", identity: "last");
        await peer.SendAsync([1]);
        await Within(router.ReceiveAsync(CancellationToken.None).AsTask());
        Assert.True(router.Send(["last"u8.ToArray(), "goodbye"u8.ToArray()]));
        await router.DisposeAsync();
        Assert.Equal("goodbye", Encoding.ASCII.GetString((await peer.ReceiveAsync())[0]));
        Assert.True(await peer.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
    }
}
