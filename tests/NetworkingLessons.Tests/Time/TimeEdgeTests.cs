using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Hosts;
using NetworkingLessons.TestSupport;
using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

/// <summary>
/// The time folder's rules at their edges: the client's acceptance of a reply and its words for
/// what it threw away, the server's limits and what it tells its log, the rate limiter's bucket and
/// memory, the time server a lesson is given online (played on loopback through a hosts file of
/// the test's own), and the wording of each refusal.
/// </summary>
public sealed class TimeEdgeTests
{
    private static readonly IPEndPoint Server = new(IPAddress.Loopback, 123);

    private static NtpPacket Request() => NtpPacket.ClientRequest(NtpTimestamp.Now);

    private static NtpPacket Reply(NtpPacket request) => new()
    {
        Mode = NtpMode.Server,
        Stratum = 1,
        ReferenceId = NtpPacket.AsciiReferenceId("LOCL"),
        Origin = request.Transmit,
        Receive = NtpTimestamp.Now,
        Transmit = NtpTimestamp.Now,
    };

    [Theory]
    [InlineData(KissCodes.Deny, "access denied; this client must stop asking this server.")]
    [InlineData(KissCodes.Restrict, "access restricted; this client must stop asking this server.")]
    [InlineData(KissCodes.Rate, "rate exceeded; this client must ask less often.")]
    [InlineData("XYZ", "a code this client does not act on; the reply is still not a time.")]
    public void KissCodes_SayWhatTheyAskOfTheClient(string code, string meaning)
    {
        Assert.Equal(meaning, KissCodes.Meaning(code));
    }

    [Fact]
    public void Accept_AReplyFromTheServersAddressMappedToIPv6_IsTheServers()
    {
        var request = Request();
        var bytes = Reply(request).ToBytes();
        var mapped = Server.Address.MapToIPv6();
        var ignored = new SntpClient.Ignored();

        var reply = SntpClient.Accept(Server, request, bytes, new IPEndPoint(mapped, 123), NtpTimestamp.Now, ignored);
        var otherPort = SntpClient.Accept(Server, request, bytes, new IPEndPoint(mapped, 124), NtpTimestamp.Now, ignored);
        var otherAddress = SntpClient.Accept(Server, request, bytes, new IPEndPoint(IPAddress.Parse("127.0.0.2").MapToIPv6(), 123), NtpTimestamp.Now, ignored);

        Assert.NotNull(reply);
        Assert.Null(otherPort);
        Assert.Null(otherAddress);
        Assert.Equal(2, ignored.OtherSenders);
    }

    [Fact]
    public void Accept_AKissWithoutACode_SaysNone()
    {
        var request = Request();
        var kiss = Reply(request) with { Stratum = 0, ReferenceId = 0 };
        var server = new IPEndPoint(IPAddress.Loopback, 40_123);

        var ex = Assert.Throws<SntpException>(() => SntpClient.Accept(server, request, kiss.ToBytes(), server, NtpTimestamp.Now, new SntpClient.Ignored()));

        Assert.Equal(SntpProblem.KissOfDeath, ex.Problem);
        Assert.StartsWith($"{server} sent a Kiss-o'-Death, code (none): a code this client does not act on", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_AnUnsynchronisedServer_IsNamedWithItsLeapAndStratum()
    {
        var request = Request();
        var reply = Reply(request) with { Stratum = 16 };

        var ex = Assert.Throws<SntpException>(() => SntpClient.Accept(Server, request, reply.ToBytes(), Server, NtpTimestamp.Now, new SntpClient.Ignored()));

        Assert.Equal($"{Server} says its clock is not synchronised (leap indicator 0, stratum 16); its time cannot be trusted.", ex.Message);
    }

    [Fact]
    public void Ignored_NamesEverythingThrownAway_OrNothing()
    {
        Assert.Equal("", new SntpClient.Ignored().ToString());
        Assert.Equal(
            "; the system reported the port unreachable (nothing listens there); 1 reply whose origin timestamp was not the request's (stale, replayed or forged) was thrown away; "
            + "2 datagram shorter than 48 bytes was thrown away; 3 datagram from another address or port was ignored",
            new SntpClient.Ignored { Unreachable = true, WrongOrigin = 1, Short = 2, OtherSenders = 3 }.ToString());
        Assert.Equal("; 1 datagram from another address or port was ignored", new SntpClient.Ignored { OtherSenders = 1 }.ToString());
    }

    [Fact]
    public async Task Query_Arguments_AreCheckedByName_AtTheirEdges()
    {
        await using var server = SntpServer.Start();

        Assert.Equal("server", (await Assert.ThrowsAsync<ArgumentNullException>(() => SntpClient.QueryAsync((IPEndPoint)null!))).ParamName);
        var tooShort = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromMilliseconds(9.9)));
        Assert.StartsWith("An SNTP attempt waits from 10 ms to 10 s.", tooShort.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(1)));
        Assert.Equal(server.EndPoint, (await SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromSeconds(10))).Server);
        // 10 ms is allowed: the answer may or may not come that soon, but the wait is not refused.
        try
        {
            await SntpClient.QueryAsync(server.EndPoint, TimeSpan.FromMilliseconds(10), attempts: 5);
        }
        catch (SntpException ex)
        {
            Assert.Equal(SntpProblem.NoReply, ex.Problem);
        }
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SntpClient.QueryAsync("localhost", port: 70_000));
    }

    [Fact]
    public void RateLimiter_RefillsAtItsRate()
    {
        var limiter = new RateLimiter(burst: 1, perSecond: 10);
        var client = IPAddress.Loopback;
        var t0 = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(RateLimiter.Verdict.Serve, limiter.Admit(client, t0));
        Assert.Equal(RateLimiter.Verdict.Kiss, limiter.Admit(client, t0.AddMilliseconds(50))); // half a token
        Assert.Equal(RateLimiter.Verdict.Serve, limiter.Admit(client, t0.AddMilliseconds(150))); // a whole one by now
    }

    [Fact]
    public void RateLimiter_KissesAtMostOnceASecond()
    {
        var limiter = new RateLimiter(burst: 1, perSecond: 1e-9);
        var client = IPAddress.Loopback;
        var t0 = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        limiter.Admit(client, t0);

        Assert.Equal(RateLimiter.Verdict.Kiss, limiter.Admit(client, t0));
        Assert.Equal(RateLimiter.Verdict.Drop, limiter.Admit(client, t0.AddSeconds(0.999)));
        Assert.Equal(RateLimiter.Verdict.Kiss, limiter.Admit(client, t0.AddSeconds(1)));
    }

    [Fact]
    public void RateLimiter_ForgetsTheLongestIdleClientFirst_WhenFull()
    {
        var limiter = new RateLimiter(burst: 1, perSecond: 1e-9);
        var t0 = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        static IPAddress Client(int i) => new([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
        for (var i = 0; i < RateLimiter.MaxClients; i++)
        {
            limiter.Admit(Client(i), t0.AddMilliseconds(i)); // each spends its one token
        }

        limiter.Admit(Client(RateLimiter.MaxClients), t0.AddMinutes(1)); // one more: the oldest goes

        Assert.Equal(RateLimiter.Verdict.Serve, limiter.Admit(Client(0), t0.AddMinutes(2))); // forgotten: a new bucket
        Assert.Equal(RateLimiter.Verdict.Kiss, limiter.Admit(Client(RateLimiter.MaxClients - 1), t0.AddMinutes(2))); // remembered
    }

    [Fact]
    public async Task Server_AnswersVersion1_AndNamesWhatItDrops()
    {
        await using var server = SntpServer.Start();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Served += (_, what) => log.Enqueue(what);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };

        client.SendTo(NtpPacket.ClientRequest(NtpTimestamp.Now, version: 1).ToBytes(), server.EndPoint);
        var answer = new byte[48];
        client.Receive(answer);
        client.SendTo((Request() with { Version = 0 }).ToBytes(), server.EndPoint);
        await Condition.WaitAsync(() => log.Count == 2, TimeSpan.FromSeconds(10));

        Assert.Equal(1, NtpPacket.Parse(answer).Version);
        Assert.Equal(["answered a version 1 request", "dropped: version 0, mode 3; this server answers mode 3, versions 1 to 4"], log);
    }

    [Fact]
    public async Task Server_OverItsLimit_KissesWithNoReferenceTime_ThenDrops_AndSaysSo()
    {
        await using var server = SntpServer.Start(options: new SntpServerOptions { Burst = 1, RequestsPerSecond = 0.01 });
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Served += (_, what) => log.Enqueue(what);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
        var buffer = new byte[48];

        client.SendTo(Request().ToBytes(), server.EndPoint);
        client.Receive(buffer);
        client.SendTo(Request().ToBytes(), server.EndPoint);
        client.Receive(buffer);
        var kiss = NtpPacket.Parse(buffer);
        client.SendTo(Request().ToBytes(), server.EndPoint);
        await Condition.WaitAsync(() => log.Count == 3, TimeSpan.FromSeconds(10));

        Assert.Equal(("RATE", NtpTimestamp.Zero, LeapIndicator.Unsynchronized), (kiss.KissCode, kiss.Reference, kiss.Leap));
        Assert.Equal(["answered a version 4 request", "over the rate limit: sent a RATE Kiss-o'-Death", "dropped: over the rate limit, kissed less than a second ago"], log);
    }

    [Fact]
    public void ServerOptions_AtTheirEdges()
    {
        new SntpServerOptions { Stratum = 16 }.Validate();
        new SntpServerOptions { ClockOffset = TimeSpan.FromDays(365) }.Validate();
        new SntpServerOptions { ClockOffset = -TimeSpan.FromDays(365) }.Validate();

        var stratum = Assert.Throws<ArgumentOutOfRangeException>(new SntpServerOptions { Stratum = 17 }.Validate);
        var rate = Assert.Throws<ArgumentOutOfRangeException>(new SntpServerOptions { Burst = 0, RequestsPerSecond = 3 }.Validate);
        var offset = Assert.Throws<ArgumentOutOfRangeException>(new SntpServerOptions { ClockOffset = TimeSpan.FromDays(365) + TimeSpan.FromTicks(1) }.Validate);

        Assert.StartsWith("A server's stratum is 1 to 16 (0 is a Kiss-o'-Death, which the server sends on its own).", stratum.Message, StringComparison.Ordinal);
        Assert.StartsWith("The rate limit needs a burst of at least 1 and a positive rate; got 0 and 3.", rate.Message, StringComparison.Ordinal);
        Assert.StartsWith("The server's clock may be off by a year at most.", offset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packet_ReferenceText_ShowsPrintableAsciiAndMarksTheRest()
    {
        static string Text(uint id) => (new NtpPacket { Mode = NtpMode.Server, Stratum = 1, ReferenceId = id }).ReferenceIdText;

        Assert.Equal("!~", Text(0x217E0000));
        Assert.Equal("??", Text(0x207F0000)); // a space and DEL are not printable
        Assert.Equal("", Text(0));
    }

    [Fact]
    public void Packet_Line_LeavesOutAnEmptyReferenceId()
    {
        var transmit = NtpTimestamp.FromDateTime(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc));

        Assert.Equal($"NTPv4 client, stratum 0, transmit {transmit}", NtpPacket.ClientRequest(transmit).ToString());
        Assert.Equal($"NTPv4 server, stratum 1 (GPS), transmit {transmit}", new NtpPacket { Mode = NtpMode.Server, Stratum = 1, ReferenceId = NtpPacket.AsciiReferenceId("GPS"), Transmit = transmit }.ToString());
    }

    [Fact]
    public void Packet_PollOfOneSecondOrMore_IsInSeconds()
    {
        var fields = (new NtpPacket { Mode = NtpMode.Client, Poll = 0, Precision = -9 }).Fields().ToDictionary(f => f.Name, f => f.Value);

        Assert.Equal("0 (2^0 s = 1 s)", fields["poll"]);
        Assert.Equal("-9 (2^-9 s = 1.953 ms)", fields["precision"]);
    }

    [Fact]
    public void Packet_BadBitFields_AreNamedWhenWritten()
    {
        var ex = Assert.Throws<NtpFormatException>(() => new NtpPacket { Version = 8 }.ToBytes());

        Assert.StartsWith("Version 8, leap indicator 0 and mode 0 do not fit their 3, 2 and 3 bits.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("code", Assert.Throws<ArgumentNullException>(() => NtpPacket.AsciiReferenceId(null!)).ParamName);
    }

    [Fact]
    public void Timestamp_ShortBuffers_AreNamedWithTheirSize()
    {
        Assert.StartsWith("An NTP timestamp is 8 bytes; got 7.", Assert.Throws<ArgumentException>(() => NtpTimestamp.Read(new byte[7])).Message, StringComparison.Ordinal);
        Assert.StartsWith("An NTP timestamp is 8 bytes; there is room for 7.", Assert.Throws<ArgumentException>(() => NtpTimestamp.Now.Write(new byte[7])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_ADeniedServer_IsNamedWithItsCode()
    {
        var schedule = new PollSchedule(() => DateTime.UtcNow);
        schedule.Kissed(Server, KissCodes.Deny);

        var ex = Assert.Throws<SntpException>(() => schedule.Book(Server));

        Assert.Equal($"{Server} answered with the kiss code DENY: it will not serve this client, and RFC 4330 says not to ask it again.", ex.Message);
        Assert.Equal(SntpProblem.Denied, ex.Problem);
    }

    [Fact]
    public async Task TimeServer_Query_PassesOverServersAskedTooRecently()
    {
        await using var answering = SntpServer.Start();
        var held = new IPEndPoint(IPAddress.Loopback, 40_321);
        PollSchedule.Shared.Kissed(held, KissCodes.Rate); // RATE holds even a loopback server off
        try
        {
            var server = new TimeServer("test", [held, answering.EndPoint], isEmbedded: false, "test", null);
            var onlyHeld = new TimeServer("test", [held], isEmbedded: false, "test", null);

            Assert.Equal(answering.EndPoint, (await server.QueryAsync()).Server);
            Assert.Equal(SntpProblem.TooSoon, (await Assert.ThrowsAsync<SntpException>(() => onlyHeld.QueryAsync())).Problem);
        }
        finally
        {
            PollSchedule.Shared.Forget(held);
        }
    }

    [Fact]
    public async Task TimeServer_SampleOfAPool_AsksEachServerItMayOnce_UpToTheCount()
    {
        await using var first = SntpServer.Start();
        await using var third = SntpServer.Start();
        var held = new IPEndPoint(IPAddress.Loopback, 40_322);
        PollSchedule.Shared.Kissed(held, KissCodes.Rate);
        try
        {
            var pool = new TimeServer("pool", [first.EndPoint, held, third.EndPoint], isEmbedded: false, "test", null);

            var sample = await pool.SampleAsync(2);

            Assert.Equal([first.EndPoint], sample.Select(r => r.Server));
        }
        finally
        {
            PollSchedule.Shared.Forget(held);
        }
    }

    [Fact]
    public async Task TimeServer_SampleOfTheEmbeddedServer_AsksEvery100Milliseconds()
    {
        await using var embedded = SntpServer.Start(options: new SntpServerOptions { Burst = 30, RequestsPerSecond = 10 });
        var server = new TimeServer("embedded", [embedded.EndPoint], isEmbedded: true, "test", null);

        var sample = await server.SampleAsync(3);

        var sent = sample.Select(r => r.T1.ToDateTime()).ToList();
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(95), $"{(pair.Second - pair.First).TotalMilliseconds} ms apart"));
    }

    private static readonly HostsFile Hosts = HostsFile.Parse("127.0.0.1 time.test\n::1 six.test\n", "the test's hosts file");

    [Fact]
    public async Task TimeServers_AServerThatAnswers_IsUsed_AndNamed()
    {
        await using var sntp = SntpServer.Start();

        var found = await TimeServers.FindAsync("time.test", sntp.EndPoint.Port, Hosts, CancellationToken.None);

        Assert.False(found.IsEmbedded);
        Assert.Equal("time.test", found.Name);
        Assert.Equal([sntp.EndPoint], found.EndPoints);
        Assert.Equal("Using time.test (127.0.0.1, one of 1 servers it named), a public server on the internet.", found.Note);
        Assert.NotNull(found.FirstReply);
    }

    [Theory]
    [InlineData("six.test", "six.test has no IPv4 address here")]
    [InlineData("nowhere.test", "nowhere.test could not be looked up ('nowhere.test' is not in the test's hosts file")]
    public async Task TimeServers_ANameWithoutAUsableAddress_IsStoodIn(string name, string why)
    {
        var found = await TimeServers.FindAsync(name, 123, Hosts, CancellationToken.None);

        Assert.True(found.IsEmbedded);
        Assert.StartsWith($"Using the course's own SNTP server on {TimeServers.Embedded.EndPoint}: {why}", found.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeServers_AServerThatDoesNotAnswer_IsStoodIn_SayingWhy()
    {
        int port;
        using (var closed = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)closed.LocalEndPoint!).Port;
        }

        var found = await TimeServers.FindAsync("time.test", port, Hosts, CancellationToken.None);

        Assert.True(found.IsEmbedded);
        Assert.StartsWith($"Using the course's own SNTP server on {TimeServers.Embedded.EndPoint}: time.test did not answer (No usable reply from 127.0.0.1:{port}", found.Note, StringComparison.Ordinal);
        Assert.Null(found.FirstReply);
    }

    [Fact]
    public async Task TimeServers_TheEmbeddedServer_TakesALessonsLargestSampleWithoutAKiss()
    {
        var embedded = new TimeServer("embedded", [TimeServers.Embedded.EndPoint], isEmbedded: true, "test", null);

        var sample = await embedded.SampleAsync(TimeServer.MaxSamples);

        Assert.Equal(TimeServer.MaxSamples, sample.Count);
    }
}
