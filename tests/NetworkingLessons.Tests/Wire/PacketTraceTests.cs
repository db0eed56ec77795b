using NetworkingLessons.Wire;
using static NetworkingLessons.Tests.Wire.Packets;

namespace NetworkingLessons.Tests.Wire;

/// <summary>A trace's packet list, relative numbers, Info column, filters and bundle, on packets made for each case.</summary>
public sealed class PacketTraceTests
{
    private static CapturedPacket TcpPacket(string from, ushort fromPort, string to, ushort toPort, uint sequence, uint acknowledgment, TcpFlags flags,
        byte[]? payload = null, byte[]? options = null, double seconds = 0, ushort window = 512) =>
        Captured(Ethernet(IPv4(6, Tcp(fromPort, toPort, sequence, acknowledgment, flags, window, options, payload), from, to)), seconds: seconds);

    private static CapturedPacket UdpPacket(ushort fromPort, ushort toPort, byte[] payload, double seconds = 0) =>
        Captured(Ethernet(IPv4(17, Udp(fromPort, toPort, payload))), seconds: seconds);

    // A handshake and one exchange, with initial sequence numbers far from zero (and one that wraps).
    private static PacketTrace Conversation() => new(
    [
        TcpPacket("127.0.0.1", 50000, "127.0.0.2", 80, 4_294_967_000, 0, TcpFlags.Syn, options: [2, 4, 0x05, 0xb4, 3, 3, 20, 1, 4, 2, 8, 10, 0, 0, 0, 9, 0, 0, 0, 0]),
        TcpPacket("127.0.0.2", 80, "127.0.0.1", 50000, 7_000, 4_294_967_001, TcpFlags.Syn | TcpFlags.Ack, seconds: 0.25),
        TcpPacket("127.0.0.1", 50000, "127.0.0.2", 80, 4_294_967_001, 7_001, TcpFlags.Ack, seconds: 0.5),
        TcpPacket("127.0.0.1", 50000, "127.0.0.2", 80, 4_294_967_001, 7_001, TcpFlags.Psh | TcpFlags.Ack, payload: new byte[400], seconds: 1.5),
        TcpPacket("127.0.0.2", 80, "127.0.0.1", 50000, 7_001, 105, TcpFlags.Ack, seconds: 1.75), // 4,294,967,001 + 400 wraps to 105
    ], "made for the test");

    [Fact]
    public void Relative_CountsFromEachDirectionsFirstSequenceNumber_AcrossTheWrap()
    {
        var trace = Conversation();

        Assert.Equal([(0u, (uint?)null), (0u, 1u), (1u, 1u), (1u, 1u), (1u, 401u)], trace.Select(trace.Relative));
    }

    [Fact]
    public void Relative_AckWithoutTheOtherSidesFirstPacket_HasNoAcknowledgment()
    {
        var trace = new PacketTrace([TcpPacket("127.0.0.1", 1, "127.0.0.2", 2, 100, 999, TcpFlags.Ack)], "one side only");

        Assert.Equal((0u, (uint?)null), trace.Relative(trace[0]));
    }

    [Fact]
    public void Info_WritesFlagsNumbersAndOptionsAsWiresharkDoes()
    {
        var trace = Conversation();

        Assert.Equal("50000 → 80 [SYN] Seq=0 Win=512 Len=0 MSS=1460 WS=16384 SACK_PERM TSval=9 TSecr=0", trace.Info(trace[0]));
        Assert.Equal("80 → 50000 [SYN, ACK] Seq=0 Ack=1 Win=512 Len=0", trace.Info(trace[1]));
        Assert.Equal("50000 → 80 [PSH, ACK] Seq=1 Ack=1 Win=512 Len=400", trace.Info(trace[3]));
        Assert.Equal("80 → 50000 [ACK] Seq=1 Ack=401 Win=512 Len=0", trace.Info(trace[4]));
    }

    [Theory]
    [InlineData(0, "WS=1")]
    [InlineData(10, "WS=1024")]
    [InlineData(14, "WS=16384")]
    [InlineData(20, "WS=16384")] // RFC 7323 caps the shift at 14
    public void Info_WindowScale_IsTheMultiplierCappedAt14(byte shift, string text)
    {
        var trace = new PacketTrace([TcpPacket("127.0.0.1", 1, "127.0.0.2", 2, 0, 0, TcpFlags.Syn, options: [3, 3, shift, 0])], "test");

        Assert.EndsWith(" " + text, trace.Info(trace[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_UnknownOptionAndNops_AddNothing()
    {
        var trace = new PacketTrace([TcpPacket("127.0.0.1", 1, "127.0.0.2", 2, 0, 0, TcpFlags.Syn, options: [1, 1, 30, 2])], "test");

        Assert.Equal("1 → 2 [SYN] Seq=0 Win=512 Len=0", trace.Info(trace[0]));
    }

    [Fact]
    public void Info_OfUdpAndOfWhatDidNotDecode()
    {
        var udp = UdpPacket(5000, 6000, new byte[12]);
        var arp = Captured(Ethernet(new byte[28], 0x0806));
        var icmp = Captured(Ethernet(IPv4(1, new byte[8])));
        var trace = new PacketTrace([udp, arp, icmp], "test");

        Assert.Equal("5000 → 6000 Len=12", trace.Info(trace[0]));
        Assert.Equal("the link layer carries ARP, which this course does not take apart.", trace.Info(trace[1]));
        Assert.Equal("the IP packet carries protocol 1 (ICMP), which this course does not take apart.", trace.Info(trace[2]));
        var unknownLink = new PacketTrace([Captured(new byte[4], (LinkType)999)], "test");
        Assert.Equal("999", unknownLink.Info(unknownLink[0])); // nothing decoded and no problem: the protocol is the link type
    }

    [Fact]
    public void List_GivesTimesFromTheFirstPacket_AndQuestionMarksWhereThereIsNoAddress()
    {
        var trace = new PacketTrace([UdpPacket(1, 2, [1], seconds: 2), Captured(Ethernet(new byte[28], 0x0806), seconds: 2.000002), UdpPacket(2, 1, [1], seconds: 3.25)], "test");

        var rows = trace.List();

        Assert.Equal(["0.000000", "0.000002", "1.250000"], rows.Select(r => r.Time));
        Assert.Equal([1, 2, 3], rows.Select(r => r.No));
        Assert.Equal(["127.0.0.1", "?", "127.0.0.1"], rows.Select(r => r.Source));
        Assert.Equal(["127.0.0.2", "?", "127.0.0.2"], rows.Select(r => r.Destination));
        Assert.Equal(["UDP", "Ethernet", "UDP"], rows.Select(r => r.Protocol));
        Assert.Equal([43, 42, 43], rows.Select(r => r.Length));
        Assert.Equal(1.25, trace.Seconds(trace[2]), 9);
        Assert.Equal(0, trace.Seconds(trace[0]));
    }

    [Fact]
    public void Packet_OutsideTheTrace_SaysWhatIsThere()
    {
        var trace = Conversation();

        var low = Assert.Throws<ArgumentOutOfRangeException>(() => trace.Packet(0));
        var high = Assert.Throws<ArgumentOutOfRangeException>(() => trace.Packet(6));
        var empty = Assert.Throws<ArgumentOutOfRangeException>(() => new PacketTrace([], "nothing").Packet(1));

        Assert.Equal("number", low.ParamName);
        Assert.StartsWith("The trace holds packets 1 to 5.", low.Message, StringComparison.Ordinal);
        Assert.StartsWith("The trace holds packets 1 to 5.", high.Message, StringComparison.Ordinal);
        Assert.StartsWith("The trace holds no packets.", empty.Message, StringComparison.Ordinal);
        Assert.Same(trace[4], trace.Packet(5));
        Assert.Same(trace[0], trace.Packet(1));
    }

    [Fact]
    public void Where_KeepsTheMatchingPackets_NumberedAgain()
    {
        var trace = Conversation();

        var data = trace.Where(p => p.Payload.Length > 0);

        var only = Assert.Single(data);
        Assert.Equal(1, only.Number);
        Assert.Equal(400, only.Tcp!.PayloadLength);
        Assert.Equal(0.0, data.Seconds(only));
        Assert.Equal((0u, (uint?)null), data.Relative(only));
        Assert.Equal("made for the test", data.Source);
    }

    [Fact]
    public void Marked_KeepsThePacketsUnderANewSource()
    {
        var trace = Conversation();

        var marked = trace.Marked("read from a file");

        Assert.Equal("read from a file", marked.Source);
        Assert.Equal(trace.Captured, marked.Captured);
        Assert.Equal(5, marked.Count);
    }

    [Fact]
    public void Arguments_AreCheckedByName()
    {
        var trace = Conversation();

        Assert.Equal("packets", Assert.Throws<ArgumentNullException>(() => new PacketTrace(null!, "x")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => new PacketTrace([], " ")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => new PacketTrace([], null!)).ParamName);
        Assert.Equal("keep", Assert.Throws<ArgumentNullException>(() => trace.Where(null!)).ParamName);
        Assert.Equal("packet", Assert.Throws<ArgumentNullException>(() => trace.Seconds(null!)).ParamName);
        Assert.Equal("packet", Assert.Throws<ArgumentNullException>(() => trace.Relative(null!)).ParamName);
        Assert.Equal("packet", Assert.Throws<ArgumentNullException>(() => trace.Info(null!)).ParamName);
        var udp = new PacketTrace([UdpPacket(1, 2, [])], "x");
        var notTcp = Assert.Throws<ArgumentException>(() => udp.Relative(udp[0]));
        Assert.Equal("packet", notTcp.ParamName);
        Assert.StartsWith("Packet 1 is not TCP.", notTcp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MimeBundle_SaysHowManyPacketsAndWhereFrom()
    {
        var one = new PacketTrace([UdpPacket(1, 2, [])], "captured <live>.").ToMimeBundle();
        var two = new PacketTrace([UdpPacket(1, 2, []), UdpPacket(2, 1, [])], "recorded").ToMimeBundle();
        var none = new PacketTrace([], "nothing captured: no right to.").ToMimeBundle();

        Assert.StartsWith("1 packet, captured <live>.\n", one["text/plain"], StringComparison.Ordinal);
        Assert.StartsWith("<p><i>1 packet, captured &lt;live&gt;.</i></p><table", one["text/html"], StringComparison.Ordinal);
        Assert.StartsWith("2 packets, recorded.\n", two["text/plain"], StringComparison.Ordinal);
        Assert.Equal("<p><i>nothing captured: no right to.</i></p>", none["text/html"]);
        Assert.StartsWith("nothing captured: no right to.\n", none["text/plain"], StringComparison.Ordinal);
        Assert.Equal(new PacketTrace([UdpPacket(1, 2, [])], "captured <live>.").ToString(), one["text/plain"]);
    }

    [Fact]
    public void Save_WritesAPcapThatReadsBackTheSame()
    {
        var trace = Conversation();
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.pcap");
        try
        {
            trace.Save(path);

            var read = NetworkingLessons.Wire.Wire.Read(path);

            Assert.Equal(trace.Captured, read.Captured);
            Assert.Equal($"read from {Path.GetFileName(path)}", read.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Seconds_InAnEmptyTrace_IsZero()
    {
        var other = Conversation();

        Assert.Equal(0, new PacketTrace([], "nothing").Seconds(other[4]));
    }
}
