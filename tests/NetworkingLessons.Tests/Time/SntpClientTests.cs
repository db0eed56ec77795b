using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

public sealed class SntpClientTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(500);

    private static Task<SntpException> FailsAsync(FakeNtpServer server, int attempts = 1) =>
        Assert.ThrowsAsync<SntpException>(() => SntpClient.QueryAsync(server.EndPoint, Short, attempts));

    [Fact]
    public async Task Query_GoodReply_GivesTheFourTimestampsOffsetAndDelay()
    {
        using var server = new FakeNtpServer((request, _) => [FakeNtpServer.GoodReply(request).ToBytes()]);

        var reply = await SntpClient.QueryAsync(server.EndPoint, Short);

        Assert.Equal(reply.Request.Transmit, reply.Reply.Origin);
        Assert.Equal((reply.T1, reply.T2, reply.T3), (reply.Request.Transmit, reply.Reply.Receive, reply.Reply.Transmit));
        Assert.True(NtpTimestamp.Difference(reply.T4, reply.T1) >= 0);
        Assert.InRange(reply.Offset.TotalMilliseconds, -50, 50); // the same clock on both sides
        Assert.True(reply.Delay >= TimeSpan.Zero);
        Assert.Equal(server.EndPoint, reply.Server);
        Assert.Equal(NtpMode.Client, server.LastRequest!.Mode);
        Assert.Equal(4, server.LastRequest.Version);
    }

    [Fact]
    public void OffsetAndDelay_AreRfc4330sFormulas()
    {
        var t1 = NtpTimestamp.FromDateTime(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        NtpTimestamp At(double seconds) => NtpTimestamp.FromDateTime(t1.ToDateTime().AddSeconds(seconds));
        // The server is 10 s ahead; the trip out takes 0.1 s, the server 0.05 s, the trip back 0.1 s.
        var request = NtpPacket.ClientRequest(t1);
        var reply = new NtpPacket { Mode = NtpMode.Server, Stratum = 1, Origin = t1, Receive = At(10.1), Transmit = At(10.15) };

        var answer = new SntpReply(new IPEndPoint(IPAddress.Loopback, 123), request, reply, At(0.25));

        Assert.Equal(10.0, answer.Offset.TotalSeconds, 6);
        Assert.Equal(0.2, answer.Delay.TotalSeconds, 6);
        Assert.Equal(10000.0, answer.OffsetMilliseconds, 3);
        Assert.Equal(t1.ToDateTime().AddSeconds(10.25), answer.ServerTime, TimeSpan.FromMilliseconds(1));
        Assert.StartsWith("offset +10000.000 ms, delay 200.000 ms from 127.0.0.1:123 (stratum 1", answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ReplyInClientMode_IsNotAServerReply()
    {
        using var server = new FakeNtpServer((request, _) => [(FakeNtpServer.GoodReply(request) with { Mode = NtpMode.Client }).ToBytes()]);

        var ex = await FailsAsync(server);

        Assert.True(ex.Problem == SntpProblem.NotAServerReply, ex.Message);
        Assert.Contains("mode 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ReplyInAnotherVersion_IsAVersionMismatch()
    {
        using var server = new FakeNtpServer((request, _) => [(FakeNtpServer.GoodReply(request) with { Version = 3 }).ToBytes()]);

        var ex = await FailsAsync(server);

        Assert.Equal(SntpProblem.VersionMismatch, ex.Problem);
        Assert.Contains("version 3 to a version 4 request", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Query_ZeroReceiveOrTransmit_IsRejected(bool receive)
    {
        using var server = new FakeNtpServer((request, _) =>
        {
            var good = FakeNtpServer.GoodReply(request);
            return [(receive ? good with { Receive = NtpTimestamp.Zero } : good with { Transmit = NtpTimestamp.Zero }).ToBytes()];
        });

        var ex = await FailsAsync(server);

        Assert.Equal(SntpProblem.ZeroTimestamp, ex.Problem);
        Assert.Contains(receive ? "zero receive" : "zero transmit", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeapIndicator.Unsynchronized, 2)]
    [InlineData(LeapIndicator.NoWarning, 16)]
    [InlineData(LeapIndicator.NoWarning, 200)]
    public async Task Query_UnsynchronisedServer_IsRejected(LeapIndicator leap, byte stratum)
    {
        using var server = new FakeNtpServer((request, _) => [(FakeNtpServer.GoodReply(request) with { Leap = leap, Stratum = stratum }).ToBytes()]);

        var ex = await FailsAsync(server);

        Assert.Equal(SntpProblem.Unsynchronized, ex.Problem);
    }

    [Theory]
    [InlineData(LeapIndicator.LastMinuteHas61Seconds, 1)]
    [InlineData(LeapIndicator.NoWarning, 15)]
    public async Task Query_SynchronisedServer_AtTheEdges_IsAccepted(LeapIndicator leap, byte stratum)
    {
        using var server = new FakeNtpServer((request, _) => [(FakeNtpServer.GoodReply(request) with { Leap = leap, Stratum = stratum }).ToBytes()]);

        var reply = await SntpClient.QueryAsync(server.EndPoint, Short);

        Assert.Equal(stratum, reply.Reply.Stratum);
    }

    [Fact]
    public async Task Query_WrongOrigin_IsThrownAwayAndNamedWhenNothingElseCame()
    {
        using var server = new FakeNtpServer((request, _) => [(FakeNtpServer.GoodReply(request) with { Origin = NtpTimestamp.Now }).ToBytes()]);

        var ex = await FailsAsync(server);

        Assert.Equal(SntpProblem.NoReply, ex.Problem);
        Assert.Contains("1 reply whose origin timestamp was not the request's (stale, replayed or forged) was thrown away", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ReplayOfAnEarlierReply_IsRejected()
    {
        byte[]? first = null;
        using var server = new FakeNtpServer((request, number) =>
        {
            first ??= FakeNtpServer.GoodReply(request).ToBytes();
            return [first]; // the first reply, for every request
        });
        await SntpClient.QueryAsync(server.EndPoint, Short);

        var ex = await FailsAsync(server);

        Assert.Equal(SntpProblem.NoReply, ex.Problem);
        Assert.Contains("origin timestamp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_AForgedReplyBeforeTheRealOne_DoesNotStopTheRealOne()
    {
        using var server = new FakeNtpServer((request, _) =>
            [(FakeNtpServer.GoodReply(request) with { Origin = NtpTimestamp.Zero, Stratum = 0, ReferenceId = NtpPacket.AsciiReferenceId("DENY") }).ToBytes(),
             new byte[20],
             FakeNtpServer.GoodReply(request).ToBytes()]);

        var reply = await SntpClient.QueryAsync(server.EndPoint, Short);

        Assert.Equal(2, reply.Reply.Stratum);
    }

    [Fact]
    public async Task Query_ReplyFromAnotherPort_IsIgnored()
    {
        using var server = new FakeNtpServer((request, _) => [new(FakeNtpServer.GoodReply(request).ToBytes(), FromOtherPort: true)]);

        var ex = await FailsAsync(server);

        Assert.Equal(SntpProblem.NoReply, ex.Problem);
        Assert.Contains("1 datagram from another address or port was ignored", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ShortDatagram_IsIgnored()
    {
        using var server = new FakeNtpServer((request, _) => [FakeNtpServer.GoodReply(request).ToBytes()[..47]]);

        var ex = await FailsAsync(server);

        Assert.Contains("1 datagram shorter than 48 bytes was thrown away", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_KissOfDeathRate_IsReportedAndTheServerIsHeldOff()
    {
        using var server = new FakeNtpServer((request, _) =>
            [(FakeNtpServer.GoodReply(request) with { Stratum = 0, Leap = LeapIndicator.Unsynchronized, ReferenceId = NtpPacket.AsciiReferenceId("RATE") }).ToBytes()]);

        var ex = await FailsAsync(server);
        var next = await FailsAsync(server);

        Assert.Equal((SntpProblem.KissOfDeath, "RATE"), (ex.Problem, ex.KissCode));
        Assert.Contains("rate exceeded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(SntpProblem.TooSoon, next.Problem);
        Assert.Equal(1, server.Requests); // the second query sent nothing
    }

    [Theory]
    [InlineData("DENY")]
    [InlineData("RSTR")]
    public async Task Query_KissOfDeathDenyOrRestrict_EndsTheServersService(string code)
    {
        using var server = new FakeNtpServer((request, _) =>
            [(FakeNtpServer.GoodReply(request) with { Stratum = 0, ReferenceId = NtpPacket.AsciiReferenceId(code) }).ToBytes()]);

        var ex = await FailsAsync(server);
        var next = await FailsAsync(server);

        Assert.Equal((SntpProblem.KissOfDeath, code), (ex.Problem, ex.KissCode));
        Assert.Equal((SntpProblem.Denied, code), (next.Problem, next.KissCode));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Query_OtherKissCode_IsStillNotATime()
    {
        using var server = new FakeNtpServer((request, _) =>
            [(FakeNtpServer.GoodReply(request) with { Stratum = 0, ReferenceId = NtpPacket.AsciiReferenceId("INIT") }).ToBytes()]);

        var ex = await FailsAsync(server);
        var again = await FailsAsync(server);

        Assert.Equal((SntpProblem.KissOfDeath, "INIT"), (ex.Problem, ex.KissCode));
        Assert.Equal(SntpProblem.KissOfDeath, again.Problem); // not held off: INIT asks nothing of the client
        Assert.Contains("does not act on", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_SilentServer_SendsEachAttemptThenGivesUp()
    {
        using var server = new FakeNtpServer((_, _) => []);

        var ex = await Assert.ThrowsAsync<SntpException>(() => SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromMilliseconds(20), attempts: 3));

        Assert.Equal(SntpProblem.NoReply, ex.Problem);
        Assert.Equal(3, server.Requests);
        Assert.Contains("to 3 requests in 0.14 s", ex.Message, StringComparison.Ordinal); // 20 + 40 + 80 ms
    }

    [Fact]
    public async Task Query_SecondAttempt_CanSucceed()
    {
        using var server = new FakeNtpServer((request, number) => number == 1 ? [] : [FakeNtpServer.GoodReply(request).ToBytes()]);

        var reply = await SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromMilliseconds(50), attempts: 2);

        Assert.Equal(2, server.Requests);
        Assert.Equal(server.LastRequest!.Transmit, reply.Reply.Origin);
    }

    [Fact]
    public async Task Query_NothingListening_SaysSo()
    {
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endPoint = (IPEndPoint)closed.LocalEndPoint!;
        closed.Close();

        var ex = await Assert.ThrowsAsync<SntpException>(() => SntpClient.QueryAsync(endPoint, TimeSpan.FromMilliseconds(100)));

        Assert.Equal(SntpProblem.NoReply, ex.Problem);
        Assert.Equal(endPoint, ex.Server);
    }

    [Fact]
    public async Task Query_Cancelled_Throws()
    {
        using var server = new FakeNtpServer((_, _) => []);
        using var cts = new CancellationTokenSource(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromSeconds(5), 1, cts.Token));
    }

    [Theory]
    [InlineData(9, 1)]
    [InlineData(10_001, 1)]
    [InlineData(100, 0)]
    [InlineData(100, 6)]
    public async Task Query_OutOfRange_Throws(int milliseconds, int attempts)
    {
        var server = new IPEndPoint(IPAddress.Loopback, 123);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SntpClient.QueryAsync(server, TimeSpan.FromMilliseconds(milliseconds), attempts));

        Assert.Equal(attempts is 0 or 6 ? "attempts" : "timeout", ex.ParamName);
    }

    [Fact]
    public async Task Query_ByName_LooksUpOfflineAndAsks()
    {
        await using var server = SntpServer.Start();

        var reply = await SntpClient.QueryAsync("localhost", server.EndPoint.Port, Short);

        Assert.Equal(IPAddress.Loopback, reply.Server.Address);
    }
}
