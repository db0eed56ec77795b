using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Time;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Time;

public sealed class SntpServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static Socket Client(string address = "127.0.0.1")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)Wait.TotalMilliseconds };
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return socket;
    }

    private static NtpPacket Exchange(Socket client, IPEndPoint server, NtpPacket request)
    {
        client.SendTo(request.ToBytes(), server);
        var buffer = new byte[1024];
        return NtpPacket.Parse(buffer.AsSpan(0, client.Receive(buffer)));
    }

    [Fact]
    public async Task Request_IsAnsweredInMode4_CopyingVersionPollAndTransmit()
    {
        await using var server = SntpServer.Start();
        using var client = Client();
        var t1 = NtpTimestamp.Now;

        var reply = Exchange(client, server.EndPoint, NtpPacket.ClientRequest(t1, version: 3) with { Poll = 6 });
        var t4 = NtpTimestamp.Now;

        Assert.Equal((NtpMode.Server, 3, (sbyte)6), (reply.Mode, reply.Version, reply.Poll));
        Assert.Equal(t1, reply.Origin);
        Assert.Equal(((byte)1, "LOCL", LeapIndicator.NoWarning), (reply.Stratum, reply.ReferenceIdText, reply.Leap));
        Assert.InRange(reply.Receive.Raw, t1.Raw, reply.Transmit.Raw);
        Assert.InRange(reply.Transmit.Raw, reply.Receive.Raw, t4.Raw);
        Assert.Equal(SntpServerOptions.Precision, reply.Precision);
        Assert.False(reply.Reference.IsZero);
        Assert.Equal(1, server.Answered);
    }

    [Fact]
    public async Task Request_TheTutorialsBytes_AreAnswered()
    {
        await using var server = SntpServer.Start();
        using var client = Client();
        var request = new byte[48];
        request[0] = 0x1b;
        client.SendTo(request, server.EndPoint);
        var buffer = new byte[1024];

        var reply = NtpPacket.Parse(buffer.AsSpan(0, client.Receive(buffer)));

        Assert.Equal(3, reply.Version);
        Assert.InRange(reply.Transmit.UnixSeconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
    }

    [Fact]
    public async Task ClockOffset_IsWhatTheClientMeasures()
    {
        await using var server = SntpServer.Start(options: new SntpServerOptions { ClockOffset = TimeSpan.FromSeconds(1.5) });

        var reply = await SntpClient.QueryAsync(server.EndPoint);

        Assert.Equal(1.5, reply.Offset.TotalSeconds, 2);
    }

    public static TheoryData<string, byte[]> Garbage() => new()
    {
        { "47 bytes", new byte[47] },
        { "empty", [] },
        { "mode 4", Packet(0x24) },
        { "mode 1", Packet(0x21) },
        { "version 0", Packet(0x03) },
        { "version 5", Packet(0x2B) },
        { "version 7", Packet(0x3B) },
    };

    private static byte[] Packet(byte first)
    {
        var bytes = new byte[48];
        bytes[0] = first;
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task NotAClientRequest_IsDroppedSilently(string what, byte[] datagram)
    {
        await using var server = SntpServer.Start();
        using var client = Client();
        client.SendTo(datagram, server.EndPoint);

        // The next datagram to arrive answers the good request sent after the bad one: nothing answered the bad one.
        var good = NtpPacket.ClientRequest(NtpTimestamp.Now);
        var reply = Exchange(client, server.EndPoint, good);

        Assert.Equal(good.Transmit, reply.Origin);
        Assert.True(server.Dropped == 1, what);
        Assert.Equal(1, server.Answered);
    }

    [Fact]
    public async Task Flood_IsRateLimitedWithOneKissASecond_AndOtherClientsAreStillServed()
    {
        await using var server = SntpServer.Start(options: new SntpServerOptions { Burst = 3, RequestsPerSecond = 0.01 });
        using var flooder = Client();
        var replies = new List<NtpPacket>();
        for (var i = 0; i < 10; i++)
        {
            flooder.SendTo(NtpPacket.ClientRequest(NtpTimestamp.Now).ToBytes(), server.EndPoint);
        }
        await WaitForAsync(() => server.Answered + server.RateLimited == 10);
        var buffer = new byte[1024];
        flooder.ReceiveTimeout = 1;
        while (true)
        {
            try
            {
                replies.Add(NtpPacket.Parse(buffer.AsSpan(0, flooder.Receive(buffer))));
            }
            catch (SocketException)
            {
                break;
            }
        }

        Assert.Equal((3, 7, 1), (server.Answered, server.RateLimited, server.Kissed));
        Assert.Equal(4, replies.Count);
        var kiss = Assert.Single(replies, r => r.IsKissOfDeath);
        Assert.Equal(("RATE", LeapIndicator.Unsynchronized), (kiss.KissCode, kiss.Leap));
        using var other = Client("127.0.0.2");
        var request = NtpPacket.ClientRequest(NtpTimestamp.Now);
        Assert.Equal((byte)1, Exchange(other, server.EndPoint, request).Stratum);
    }

    [Fact]
    public async Task Flood_ThroughTheClient_IsAKissOfDeath()
    {
        await using var server = SntpServer.Start(options: new SntpServerOptions { Burst = 1, RequestsPerSecond = 0.01 });
        await SntpClient.QueryAsync(server.EndPoint);

        var ex = await Assert.ThrowsAsync<SntpException>(() => SntpClient.QueryAsync(server.EndPoint));

        Assert.Equal((SntpProblem.KissOfDeath, "RATE"), (ex.Problem, ex.KissCode));
    }

    [Fact]
    public async Task Garbage_InBulk_LeavesTheServerServing()
    {
        await using var server = SntpServer.Start(options: new SntpServerOptions { Burst = 100_000, RequestsPerSecond = 1000 });
        using var client = Client();
        var random = new Random(9);
        for (var i = 0; i < 2000; i++)
        {
            var junk = new byte[random.Next(0, 200)];
            random.NextBytes(junk);
            if (junk.Length > 0)
            {
                junk[0] &= 0b1111_1000; // mode 0: never a request, so never answered
            }
            client.SendTo(junk, server.EndPoint);
        }
        // The kernel may drop some of the flood before the server reads it; the server must drop the rest, and still serve.
        await WaitForAsync(() => server.Dropped > 0);

        var reply = await SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromMilliseconds(200), attempts: 5);
        Assert.Equal(server.EndPoint, reply.Server);
        Assert.Equal(0, server.Kissed);
    }

    [Fact]
    public async Task Dispose_StopsIt_AndTheSamePortCanServeAgain()
    {
        var first = SntpServer.Start();
        var endPoint = first.EndPoint;
        await first.DisposeAsync();
        await first.DisposeAsync(); // twice is harmless

        await using var again = SntpServer.Start(endPoint);
        var reply = await SntpClient.QueryAsync(endPoint);

        Assert.Equal(endPoint, reply.Server);
        Assert.StartsWith($"SNTP server on {endPoint}: 1 answered, 0 dropped, 0 rate-limited", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Served_ReportsEachDatagram()
    {
        await using var server = SntpServer.Start();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Served += (_, what) => log.Enqueue(what);
        using var client = Client();
        client.SendTo(new byte[3], server.EndPoint);
        Exchange(client, server.EndPoint, NtpPacket.ClientRequest(NtpTimestamp.Now));

        await WaitForAsync(() => log.Count == 2);

        Assert.Equal(["dropped: 3 bytes, shorter than an NTP packet", "answered a version 4 request"], log);
    }

    [Fact]
    public void Start_BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SntpServer.Start(options: new SntpServerOptions { Stratum = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SntpServer.Start(options: new SntpServerOptions { Stratum = 17 }));
        Assert.Throws<ArgumentException>(() => SntpServer.Start(options: new SntpServerOptions { ReferenceId = "TOO LONG" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SntpServer.Start(options: new SntpServerOptions { Burst = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SntpServer.Start(options: new SntpServerOptions { RequestsPerSecond = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SntpServer.Start(options: new SntpServerOptions { ClockOffset = TimeSpan.FromDays(400) }));
    }

    [Fact]
    public async Task Start_PortInUse_Throws()
    {
        await using var server = SntpServer.Start();

        var ex = Assert.Throws<SocketException>(() => SntpServer.Start(server.EndPoint));

        Assert.Equal(SocketError.AddressAlreadyInUse, ex.SocketErrorCode);
    }

    private static Task WaitForAsync(Func<bool> condition) => Condition.WaitAsync(condition, Wait);
}
