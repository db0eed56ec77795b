using System.Buffers.Binary;
using System.Net;
using NetworkingLessons.Wire;
using static NetworkingLessons.Tests.Wire.Packets;

namespace NetworkingLessons.Tests.Wire;

/// <summary>
/// The decoder layer by layer, on packets made field by field: each link type, IPv4 and IPv6 with
/// every field's text, TCP options, UDP lengths, checksums in each state, and the problem named for
/// each way a header can be wrong.
/// </summary>
public sealed class PacketDecoderLayerTests
{
    private static readonly byte[] Hello = "hello"u8.ToArray();

    private static byte[] UdpIPv4(byte[]? payload = null) => IPv4(17, Udp(40000, 7, payload ?? Hello));

    [Fact]
    public void Decode_Ethernet_NamesItsFieldsAndAddresses()
    {
        var packet = Decode(Ethernet(UdpIPv4(), destinationMac: [0x02, 0, 0, 0, 0, 0xab], sourceMac: [0xde, 0xad, 0xbe, 0xef, 0, 1]));

        Assert.Null(packet.Problem);
        Assert.Equal("02:00:00:00:00:ab", Field(packet, "Ethernet", "destination"));
        Assert.Equal("de:ad:be:ef:00:01", Field(packet, "Ethernet", "source"));
        Assert.Equal("0x0800 (IPv4)", Field(packet, "Ethernet", "type"));
        Assert.Equal([("Ethernet", 0, 6), ("Ethernet", 6, 6), ("Ethernet", 12, 2)], packet.Fields.Take(3).Select(f => (f.Layer, f.Offset, f.Length)));
        Assert.Equal("UDP", packet.Protocol);
    }

    [Theory]
    [InlineData(0x0806, "the link layer carries ARP, which this course does not take apart.")]
    [InlineData(0x88cc, "the link layer carries unknown, which this course does not take apart.")]
    public void Decode_EthernetOfAnotherProtocol_SaysWhichAndStops(int etherType, string problem)
    {
        var packet = Decode(Ethernet(new byte[28], (ushort)etherType));

        Assert.Equal(problem, packet.Problem);
        Assert.Null(packet.IPv4);
        Assert.Equal("Ethernet", packet.Protocol);
        Assert.Equal("?", packet.SourceEndpoint);
        Assert.Equal($"1 ? → ? Ethernet 42 bytes", packet.ToString());
    }

    [Fact]
    public void Decode_EthernetOfIPv6_ReadsIPv6()
    {
        var packet = Decode(Ethernet(IPv6(17, Udp(40000, 7, Hello)), 0x86dd));

        Assert.Equal("0x86dd (IPv6)", Field(packet, "Ethernet", "type"));
        Assert.Equal(IPAddress.IPv6Loopback, packet.Source);
        Assert.Null(packet.Problem);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(0)]
    public void Decode_EthernetCutShort_SaysHowMuchIsThere(int length)
    {
        var packet = Decode(new byte[length]);

        Assert.Equal($"the Ethernet header is cut short: {length} of 14 bytes.", packet.Problem);
        Assert.Empty(packet.Fields);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0 }, "2", "IPv4")] // little-endian, as Linux and macOS on x86 and ARM write it
    [InlineData(new byte[] { 0, 0, 0, 2 }, "2", "IPv4")] // big-endian, from an old SPARC or PowerPC machine
    [InlineData(new byte[] { 30, 0, 0, 0 }, "30", "IPv6")] // macOS
    [InlineData(new byte[] { 28, 0, 0, 0 }, "28", "IPv6")] // FreeBSD
    [InlineData(new byte[] { 24, 0, 0, 0 }, "24", "IPv6")] // NetBSD, OpenBSD
    [InlineData(new byte[] { 0, 0, 0, 24 }, "24", "IPv6")]
    public void Decode_BsdLoopback_ReadsTheFamilyInEitherByteOrder(byte[] family, string value, string network)
    {
        var inner = network == "IPv4" ? UdpIPv4() : IPv6(17, Udp(40000, 7, Hello));

        var packet = Decode([.. family, .. inner], LinkType.Null);

        Assert.Equal(value, Field(packet, "Loopback", "family"));
        Assert.Equal((0, 4), (packet.Fields[0].Offset, packet.Fields[0].Length));
        Assert.Null(packet.Problem);
        Assert.Equal(network == "IPv4" ? IPAddress.Parse("127.0.0.1") : IPAddress.IPv6Loopback, packet.Source);
        Assert.Equal(4, packet.Fields.Single(f => f.Name == "source" && f.Layer == network).Offset - (network == "IPv4" ? 12 : 8));
    }

    [Fact]
    public void Decode_BsdLoopbackOfAnotherFamily_Stops()
    {
        var packet = Decode([7, 0, 0, 0, .. UdpIPv4()], LinkType.Null);

        Assert.Equal("the link layer carries unknown, which this course does not take apart.", packet.Problem);
    }

    [Fact]
    public void Decode_BsdLoopbackCutShort_SaysSo()
    {
        Assert.Equal("the loopback header is cut short: 3 of 4 bytes.", Decode([2, 0, 0], LinkType.Null).Problem);
        Assert.Null(Decode([2, 0, 0, 0, .. UdpIPv4()], LinkType.Null).Problem);
    }

    [Fact]
    public void Decode_LinuxCooked_ReadsTheProtocolAt14()
    {
        var header = new byte[16];
        header[15] = 0x00;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 0x0800);

        var packet = Decode([.. header, .. UdpIPv4()], LinkType.LinuxCooked);

        Assert.Equal("0x0800 (IPv4)", Field(packet, "Linux cooked", "protocol"));
        Assert.Equal((14, 2), (packet.Fields[0].Offset, packet.Fields[0].Length));
        Assert.Null(packet.Problem);
        Assert.Equal(16 + 28, packet.PayloadOffset);
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(packet.Payload.Span));
    }

    [Fact]
    public void Decode_LinuxCookedCutShortOrOfArp_SaysSo()
    {
        Assert.Equal("the Linux cooked header is cut short: 15 of 16 bytes.", Decode(new byte[15], LinkType.LinuxCooked).Problem);
        var arp = new byte[44];
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(14), 0x0806);
        Assert.Equal("the link layer carries ARP, which this course does not take apart.", Decode(arp, LinkType.LinuxCooked).Problem);
    }

    [Fact]
    public void Decode_RawIP_ChoosesByTheVersionNibble()
    {
        Assert.Equal("IPv6", Decode(IPv6(59, []), LinkType.Raw).Fields[0].Layer);
        Assert.Equal("IPv4", Decode(UdpIPv4(), LinkType.Raw).Fields[0].Layer);
        Assert.Equal("the IPv4 header at byte 0 is cut short: 0 of 20 bytes.", Decode([], LinkType.Raw).Problem);
    }

    [Fact]
    public void Decode_IPv4_WritesEveryFieldAsTheProseDoes()
    {
        var packet = Decode(Ethernet(IPv4(6, Tcp(40000, 80), source: "10.1.2.3", destination: "192.168.0.9", ttl: 17, tos: 0xb8, id: 0xbeef)));

        Assert.Equal("4, 20 bytes", Field(packet, "IPv4", "version, header length"));
        Assert.Equal("0xb8", Field(packet, "IPv4", "type of service"));
        Assert.Equal("40", Field(packet, "IPv4", "total length"));
        Assert.Equal("48879 (0xbeef)", Field(packet, "IPv4", "identification"));
        Assert.Equal("DF, 0", Field(packet, "IPv4", "flags, fragment offset"));
        Assert.Equal("17", Field(packet, "IPv4", "time to live"));
        Assert.Equal("6 (TCP)", Field(packet, "IPv4", "protocol"));
        Assert.StartsWith("0x", Field(packet, "IPv4", "header checksum"), StringComparison.Ordinal);
        Assert.EndsWith(" (correct)", Field(packet, "IPv4", "header checksum"), StringComparison.Ordinal);
        Assert.Equal("10.1.2.3", Field(packet, "IPv4", "source"));
        Assert.Equal("192.168.0.9", Field(packet, "IPv4", "destination"));
        Assert.Equal([14, 15, 16, 18, 20, 22, 23, 24, 26, 30], packet.Fields.Where(f => f.Layer == "IPv4").Select(f => f.Offset));
        Assert.Equal([1, 1, 2, 2, 2, 1, 1, 2, 4, 4], packet.Fields.Where(f => f.Layer == "IPv4").Select(f => f.Length));
        var ip = packet.IPv4!;
        Assert.Equal((20, (byte)0xb8, (ushort)40, (ushort)0xbeef, true, false, 0, (byte)17, (byte)6),
            (ip.HeaderLength, ip.TypeOfService, ip.TotalLength, ip.Identification, ip.DontFragment, ip.MoreFragments, ip.FragmentOffset, ip.TimeToLive, ip.Protocol));
        Assert.Equal("10.1.2.3:40000", packet.SourceEndpoint);
        Assert.Equal("192.168.0.9:80", packet.DestinationEndpoint);
        Assert.Equal((40000, 80), (packet.SourcePort, packet.DestinationPort));
    }

    [Theory]
    [InlineData(0x0000, "none, 0", false, false, 0)]
    [InlineData(0x4000, "DF, 0", true, false, 0)]
    [InlineData(0x6000, "DF, 0", true, true, 0)]
    public void Decode_IPv4Flags_AreNamedAndRead(int flagsAndOffset, string text, bool dontFragment, bool moreFragments, int offset)
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2, Hello), flagsAndOffset: (ushort)flagsAndOffset)));

        Assert.Equal(text, Field(packet, "IPv4", "flags, fragment offset"));
        Assert.Equal((dontFragment, moreFragments, offset), (packet.IPv4!.DontFragment, packet.IPv4.MoreFragments, packet.IPv4.FragmentOffset));
    }

    [Theory]
    [InlineData(0x2000, "MF, 0")] // the first fragment: more follow
    [InlineData(0x0003, "none, 3")] // the last fragment: 24 bytes in
    [InlineData(0x1FFF, "none, 8191")]
    [InlineData(0x2001, "MF, 1")]
    public void Decode_Fragment_NamesItsPlaceAndReadsNoTransportHeader(int flagsAndOffset, string text)
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2, Hello), flagsAndOffset: (ushort)flagsAndOffset)));

        Assert.Equal(text, Field(packet, "IPv4", "flags, fragment offset"));
        Assert.Equal(flagsAndOffset & 0x1FFF, packet.IPv4!.FragmentOffset);
        Assert.Equal("a fragment: only the whole datagram, reassembled, has a TCP or UDP header to read.", packet.Problem);
        Assert.Null(packet.Udp);
        Assert.Equal("IPv4", packet.Protocol);
        Assert.Equal("127.0.0.1", packet.SourceEndpoint);
    }

    [Fact]
    public void Decode_IPv4WithOptions_NamesThemAndFindsTheTransportHeaderAfter()
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(5, 6, Hello), options: [0x94, 0x04, 0x00, 0x00]))); // router alert

        Assert.Equal("4, 24 bytes", Field(packet, "IPv4", "version, header length"));
        var options = packet.Fields.Single(f => f.Name == "options" && f.Layer == "IPv4");
        Assert.Equal((34, 4, "4 bytes"), (options.Offset, options.Length, options.Value));
        Assert.Equal(24, packet.IPv4!.HeaderLength);
        Assert.Equal(ChecksumState.Correct, packet.IPv4.HeaderChecksum.State);
        Assert.Equal(ChecksumState.Correct, packet.Udp!.Checksum.State);
        Assert.Equal(14 + 24 + 8, packet.PayloadOffset);
        Assert.DoesNotContain(Decode(Ethernet(UdpIPv4())).Fields, f => f.Name == "options");
    }

    [Fact]
    public void Decode_IPv4HeaderLongerThanTheBytes_SaysBoth()
    {
        var bytes = Ethernet(IPv4(17, [], options: new byte[8]));

        var packet = Decode(bytes[..(14 + 24)]);

        Assert.Equal("the IPv4 header at byte 14 says it is 28 bytes; 24 are there.", packet.Problem);
        Assert.Null(packet.IPv4);
    }

    [Theory]
    [InlineData(0x44, "byte 14 says version 4, header length 16: not an IPv4 header.")]
    [InlineData(0x40, "byte 14 says version 4, header length 0: not an IPv4 header.")]
    [InlineData(0x55, "byte 14 says version 5, header length 20: not an IPv4 header.")]
    public void Decode_NotAnIPv4Header_SaysWhatTheFirstByteClaims(byte first, string problem)
    {
        var bytes = Ethernet(UdpIPv4());
        bytes[14] = first;

        Assert.Equal(problem, Decode(bytes).Problem);
    }

    [Fact]
    public void Decode_IPv4TotalLengthShorterThanItsHeader_Stops()
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2, Hello), totalLength: 19)));

        Assert.Equal("the IPv4 total length 19 is less than its header's 20 bytes.", packet.Problem);
        Assert.NotNull(packet.IPv4);
        Assert.Null(packet.Udp);
        Assert.Null(Decode(Ethernet(IPv4(17, Udp(1, 2, []), totalLength: 28))).Problem);
    }

    [Theory]
    [InlineData(1, "the IP packet carries protocol 1 (ICMP), which this course does not take apart.")]
    [InlineData(58, "the IP packet carries protocol 58 (ICMPv6), which this course does not take apart.")]
    [InlineData(47, "the IP packet carries protocol 47 (unknown), which this course does not take apart.")]
    public void Decode_AnotherTransport_NamesIt(byte protocol, string problem)
    {
        var packet = Decode(Ethernet(IPv4(protocol, new byte[8])));

        Assert.Equal(problem, packet.Problem);
        Assert.Equal($"{protocol} ({problem.Split('(', ')')[1]})", Field(packet, "IPv4", "protocol"));
        Assert.Equal("IPv4", packet.Protocol);
        Assert.Null(packet.SourcePort);
        Assert.Equal("127.0.0.2", packet.DestinationEndpoint);
    }

    [Fact]
    public void Decode_EthernetPadding_IsNotPayload()
    {
        // A short frame is padded to 60 bytes; the IP total length says where the datagram ends.
        var frame = Ethernet(IPv4(17, Udp(1, 2, [0x61])));
        var padded = new byte[60];
        frame.CopyTo(padded, 0);
        padded.AsSpan(frame.Length).Fill(0xEE);

        var packet = Decode(padded);

        Assert.Equal([0x61], packet.Payload.ToArray());
        Assert.Equal(ChecksumState.Correct, packet.Udp!.Checksum.State);
        Assert.Equal(ChecksumState.Correct, packet.IPv4!.HeaderChecksum.State);
    }

    [Fact]
    public void Decode_IPv6_WritesEveryField()
    {
        var packet = Decode(Ethernet(IPv6(6, Tcp(40000, 443, flags: TcpFlags.Syn), source: "fe80::1", destination: "2001:db8::7", trafficClass: 0xb8, flowLabel: 0x12345, hopLimit: 3), 0x86dd));

        Assert.Null(packet.Problem);
        Assert.Equal("6, 0xb8, 0x12345", Field(packet, "IPv6", "version, traffic class, flow label"));
        Assert.Equal("20", Field(packet, "IPv6", "payload length"));
        Assert.Equal("6 (TCP)", Field(packet, "IPv6", "next header"));
        Assert.Equal("3", Field(packet, "IPv6", "hop limit"));
        Assert.Equal("fe80::1", Field(packet, "IPv6", "source"));
        Assert.Equal("2001:db8::7", Field(packet, "IPv6", "destination"));
        Assert.Equal([(14, 4), (18, 2), (20, 1), (21, 1), (22, 16), (38, 16)], packet.Fields.Where(f => f.Layer == "IPv6").Select(f => (f.Offset, f.Length)));
        Assert.Equal(new IPv6Header(0xb8, 0x12345, 20, 6, 3, IPAddress.Parse("fe80::1"), IPAddress.Parse("2001:db8::7")), packet.IPv6);
        Assert.Equal("[fe80::1]:40000", packet.SourceEndpoint);
        Assert.Equal("[2001:db8::7]:443", packet.DestinationEndpoint);
        Assert.Equal(ChecksumState.Correct, packet.Tcp!.Checksum.State);
        Assert.Equal("TCP", packet.Protocol);
        Assert.Null(packet.IPv4);
    }

    [Fact]
    public void Decode_IPv6Udp_ChecksumCoversTheIPv6PseudoHeader()
    {
        var good = Decode(IPv6(17, Udp(5353, 5353, Hello), source: "2001:db8::1", destination: "2001:db8::2"), LinkType.Raw);
        var bytes = IPv6(17, Udp(5353, 5353, Hello), source: "2001:db8::1", destination: "2001:db8::2");
        bytes[23] ^= 0x01; // another source address: the pseudo-header, not the datagram, changed

        Assert.Equal(ChecksumState.Correct, good.Udp!.Checksum.State);
        Assert.Equal(ChecksumState.Incorrect, Decode(bytes, LinkType.Raw).Udp!.Checksum.State);
        Assert.Equal("UDP", good.Protocol);
        Assert.Equal("[2001:db8::1]:5353", good.SourceEndpoint);
    }

    [Fact]
    public void Decode_IPv6CutShortOrOfAnotherVersion_SaysSo()
    {
        var bytes = IPv6(17, Udp(1, 2));

        Assert.Equal("the IPv6 header at byte 0 is cut short: 39 of 40 bytes.", Decode(bytes[..39], LinkType.Raw).Problem);
        var ethernet = Ethernet(bytes, 0x86dd);
        ethernet[14] = 0x45;
        Assert.Equal("byte 14 says version 4: not an IPv6 header.", Decode(ethernet).Problem);
        Assert.Null(Decode(ethernet).IPv6);
    }

    [Fact]
    public void Decode_IPv6PayloadLength_BoundsThePayload()
    {
        var bytes = IPv6(17, Udp(1, 2, Hello), payloadLength: 10); // the datagram says 13, the IP header 10

        var packet = Decode([.. bytes, 0xEE, 0xEE], LinkType.Raw);

        Assert.Equal("10", Field(packet, "IPv6", "payload length"));
        Assert.Equal(ChecksumState.Unchecked, packet.Udp!.Checksum.State);
        Assert.Equal(2, packet.Payload.Length);
    }

    [Fact]
    public void Decode_TcpFields_AreWrittenAsTcpdumpWouldRead()
    {
        var packet = Decode(Ethernet(IPv4(6, Tcp(40000, 80, sequence: 4_000_000_000, acknowledgment: 17, flags: TcpFlags.Psh | TcpFlags.Ack, window: 1024, payload: Hello, urgent: 9))));

        Assert.Equal("40000", Field(packet, "TCP", "source port"));
        Assert.Equal("80", Field(packet, "TCP", "destination port"));
        Assert.Equal("4000000000", Field(packet, "TCP", "sequence number"));
        Assert.Equal("17", Field(packet, "TCP", "acknowledgment number"));
        Assert.Equal("20 bytes, [P.] PSH, ACK", Field(packet, "TCP", "data offset, flags"));
        Assert.Equal("1024", Field(packet, "TCP", "window"));
        Assert.EndsWith("(correct)", Field(packet, "TCP", "checksum"), StringComparison.Ordinal);
        Assert.Equal("9", Field(packet, "TCP", "urgent pointer"));
        Assert.Equal([(34, 2), (36, 2), (38, 4), (42, 4), (46, 2), (48, 2), (50, 2), (52, 2)], packet.Fields.Where(f => f.Layer == "TCP").Select(f => (f.Offset, f.Length)));
        var tcp = packet.Tcp!;
        Assert.Equal(((ushort)40000, (ushort)80, 4_000_000_000u, 17u, 20, (ushort)1024, (ushort)9, 5),
            (tcp.SourcePort, tcp.DestinationPort, tcp.Sequence, tcp.Acknowledgment, tcp.HeaderLength, tcp.Window, tcp.UrgentPointer, tcp.PayloadLength));
        Assert.Equal(54, packet.PayloadOffset);
        Assert.Equal(Hello, packet.Payload.ToArray());
        Assert.Null(packet.Problem);
    }

    [Fact]
    public void Decode_TcpDataOffsetBelowFive_SaysTheLeastIs20()
    {
        var bytes = Ethernet(IPv4(6, Tcp(1, 2)));
        bytes[14 + 20 + 12] = 0x40;

        var packet = Decode(bytes);

        Assert.Equal("the TCP data offset at byte 46 says 16 header bytes; the least is 20.", packet.Problem);
        Assert.Null(packet.Tcp);
    }

    [Fact]
    public void Decode_TcpHeaderOfExactlyTheBytesThere_IsWhole()
    {
        var packet = Decode(Ethernet(IPv4(6, Tcp(1, 2, options: [1, 1, 1, 0]))));

        Assert.Null(packet.Problem);
        Assert.Equal(24, packet.Tcp!.HeaderLength);
        Assert.Equal(0, packet.Payload.Length);
        Assert.Equal(58, packet.PayloadOffset);
    }

    [Fact]
    public void Decode_TcpOptions_AreReadInOrderAndStopAtTheEnd()
    {
        byte[] options = [1, 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 9, 3, 3, 7, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2, 30, 3, 0xab, 0, 0x99];
        var packet = Decode(Ethernet(IPv4(6, Tcp(1, 2, options: options))));

        Assert.Null(packet.Problem);
        Assert.Equal(["nop", "mss 1460", "sackOK", "TS val 7 ecr 9", "wscale 7", "sack 1 {1:2}", "unknown-30 0xab", "eol"], packet.Tcp!.Options.Select(o => o.ToString()));
        Assert.Equal("nop, mss 1460, sackOK, TS val 7 ecr 9, wscale 7, sack 1 {1:2}, unknown-30 0xab, eol", Field(packet, "TCP", "options"));
        var field = packet.Fields.Single(f => f.Layer == "TCP" && f.Name == "options");
        Assert.Equal((54, 36), (field.Offset, field.Length));
    }

    [Theory]
    [InlineData(new byte[] { 2, 1, 0, 0 }, "TCP option 2 at option byte 0 has a length that does not fit the header.")] // a length below 2
    [InlineData(new byte[] { 1, 1, 1, 8 }, "TCP option 8 at option byte 3 has a length that does not fit the header.")] // no length byte
    [InlineData(new byte[] { 1, 3, 4, 1 }, "TCP option 3 at option byte 1 has a length that does not fit the header.")] // one byte over
    public void Decode_MalformedTcpOption_KeepsTheOnesBefore(byte[] options, string problem)
    {
        var packet = Decode(Ethernet(IPv4(6, Tcp(1, 2, options: options))));

        Assert.Equal(problem, packet.Problem);
        Assert.All(packet.Tcp!.Options, o => Assert.Equal(1, o.Kind));
        Assert.Equal(options.TakeWhile(b => b == 1).Count(), packet.Tcp.Options.Count);
    }

    [Fact]
    public void Decode_TcpOptionEndingExactlyAtTheHeader_Fits()
    {
        var packet = Decode(Ethernet(IPv4(6, Tcp(1, 2, options: [1, 3, 3, 5]))));

        Assert.Null(packet.Problem);
        Assert.Equal((byte)5, packet.Tcp!.Options[1].WindowScale);
    }

    [Fact]
    public void Decode_TcpCutShort_CountsNothingNegative()
    {
        var bytes = Ethernet(IPv4(6, Tcp(1, 2), totalLength: 40));

        Assert.Equal("the TCP header at byte 34 is cut short: 0 of 20 bytes.", Decode(bytes[..34]).Problem);
        Assert.Equal("the TCP header at byte 34 is cut short: 19 of 20 bytes.", Decode(bytes[..53]).Problem);
    }

    [Fact]
    public void Decode_Udp_WritesEveryField()
    {
        var packet = Decode(Ethernet(UdpIPv4()));

        Assert.Equal("40000", Field(packet, "UDP", "source port"));
        Assert.Equal("7", Field(packet, "UDP", "destination port"));
        Assert.Equal("13", Field(packet, "UDP", "length"));
        Assert.EndsWith("(correct)", Field(packet, "UDP", "checksum"), StringComparison.Ordinal);
        Assert.Equal([(34, 2), (36, 2), (38, 2), (40, 2)], packet.Fields.Where(f => f.Layer == "UDP").Select(f => (f.Offset, f.Length)));
        Assert.Equal(((ushort)40000, (ushort)7, (ushort)13, 5), (packet.Udp!.SourcePort, packet.Udp.DestinationPort, packet.Udp.Length, packet.Udp.PayloadLength));
        Assert.Equal(42, packet.PayloadOffset);
        Assert.Equal(Hello, packet.Payload.ToArray());
        Assert.Equal("127.0.0.1:40000", packet.SourceEndpoint);
    }

    [Theory]
    [InlineData(7, "the UDP length at byte 38 is 7, less than its own 8-byte header.")]
    [InlineData(0, "the UDP length at byte 38 is 0, less than its own 8-byte header.")]
    public void Decode_UdpLengthBelowItsHeader_IsNamedAndNotChecked(int length, string problem)
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2, Hello, (ushort)length), transportChecksum: false)));

        Assert.Equal(problem, packet.Problem);
        Assert.Equal(ChecksumState.Unchecked, packet.Udp!.Checksum.State);
        Assert.Equal(0, packet.Udp.PayloadLength);
        Assert.Equal(0, packet.Payload.Length);
    }

    [Fact]
    public void Decode_UdpLengthOfExactlyItsHeader_HasNoPayload()
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2))));

        Assert.Null(packet.Problem);
        Assert.Equal(ChecksumState.Correct, packet.Udp!.Checksum.State);
        Assert.Equal(0, packet.Payload.Length);
        Assert.Equal("UDP", packet.Protocol);
    }

    [Fact]
    public void Decode_UdpLengthPastTheBytes_IsNotChecked()
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2, Hello, length: 14), transportChecksum: false)));

        Assert.Equal(ChecksumState.Unchecked, packet.Udp!.Checksum.State);
        Assert.Equal("14", Field(packet, "UDP", "length"));
        Assert.Equal(Hello, packet.Payload.ToArray());
    }

    [Fact]
    public void Decode_UdpCutShort_SaysHowMuchIsThere()
    {
        var bytes = Ethernet(UdpIPv4());

        Assert.Equal("the UDP header at byte 34 is cut short: 7 of 8 bytes.", Decode(bytes[..41]).Problem);
        Assert.Equal("the UDP header at byte 34 is cut short: 0 of 8 bytes.", Decode(bytes[..34]).Problem);
    }

    [Fact]
    public void Decode_UdpChecksumZero_IsNotUsed()
    {
        var bytes = Ethernet(UdpIPv4());
        bytes[40] = bytes[41] = 0;

        var checksum = Decode(bytes).Udp!.Checksum;

        Assert.Equal(new Checksum(0, 0, ChecksumState.NotUsed), checksum);
        Assert.Equal("0x0000 (not used)", checksum.ToString());
    }

    [Fact]
    public void Decode_UdpWhoseSumIsZero_StoresAllOnes()
    {
        // Find a payload whose checksum comes out as 0, which UDP sends as 0xffff (RFC 768).
        for (ushort word = 0; ; word++)
        {
            var payload = new byte[] { (byte)(word >> 8), (byte)word };
            var bytes = IPv4(17, Udp(1, 2, payload));
            if (BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(26)) != 0xFFFF)
            {
                continue;
            }

            var checksum = Decode(bytes, LinkType.Raw).Udp!.Checksum;

            Assert.Equal(new Checksum(0xFFFF, 0xFFFF, ChecksumState.Correct), checksum);
            return;
        }
    }

    [Fact]
    public void Decode_SnappedPacket_LeavesTheTransportChecksumUnchecked()
    {
        var whole = Ethernet(IPv4(6, Tcp(1, 2, payload: new byte[100])));

        var packet = Decode(whole[..80], originalLength: whole.Length);

        Assert.Equal(ChecksumState.Unchecked, packet.Tcp!.Checksum.State);
        Assert.Equal("(not checked: the capture cut the packet short)", Field(packet, "TCP", "checksum")[7..]);
        Assert.Equal(100, packet.Tcp.PayloadLength);
        Assert.Equal(80 - 54, packet.Payload.Length);
        Assert.Equal(ChecksumState.Correct, Decode(whole).Tcp!.Checksum.State);
    }

    [Fact]
    public void Decode_BytesShorterThanTheIPLengthSays_LeaveTheChecksumUnchecked()
    {
        // Captured whole (original length = what is there), but the IP header claims more.
        var bytes = Ethernet(IPv4(17, Udp(1, 2, Hello), totalLength: 40));

        var packet = Decode(bytes);

        Assert.Equal(ChecksumState.Unchecked, packet.Udp!.Checksum.State);
    }

    [Fact]
    public void Decode_OffloadedChecksum_IsToldFromAWrongOne()
    {
        // What Linux loopback sends: the pseudo-header's sum only, the card never finishing it.
        var right = Decode(Ethernet(IPv4(6, Tcp(1, 2, payload: Hello)))).Tcp!.Checksum.Computed;
        var bytes = Ethernet(IPv4(6, Tcp(1, 2, payload: Hello), transportChecksum: false));
        ushort pseudo = (ushort)(0x7f00 + 0x0001 + 0x7f00 + 0x0002 + 6 + 25);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(50), pseudo);

        var offloaded = Decode(bytes).Tcp!.Checksum;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(50), (ushort)(pseudo + 1));
        var wrong = Decode(bytes).Tcp!.Checksum;

        Assert.Equal(new Checksum(pseudo, right, ChecksumState.Offloaded), offloaded);
        Assert.Equal($"0x{pseudo:x4} (offloaded, unfinished: would be 0x{right:x4})", offloaded.ToString());
        Assert.Equal(ChecksumState.Incorrect, wrong.State);
        Assert.Equal($"0x{pseudo + 1:x4} (incorrect: should be 0x{right:x4})", wrong.ToString());
    }

    [Fact]
    public void Decode_IPv4HeaderChecksum_SkipsItsOwnFieldAndCoversOptions()
    {
        var bytes = Ethernet(IPv4(17, Udp(1, 2), options: [1, 1, 1, 0]));
        var good = Decode(bytes).IPv4!.HeaderChecksum;
        bytes[14 + 23] ^= 0x10; // the last option byte

        var bad = Decode(bytes).IPv4!.HeaderChecksum;

        Assert.Equal(ChecksumState.Correct, good.State);
        Assert.Equal(good.Stored, good.Computed);
        Assert.Equal(ChecksumState.Incorrect, bad.State);
        Assert.NotEqual(bad.Stored, bad.Computed);
        Assert.Equal(good.Stored, bad.Stored);
    }

    [Fact]
    public void Decode_NullPacket_IsRefusedByName()
    {
        Assert.Equal("packet", Assert.Throws<ArgumentNullException>(() => PacketDecoder.Decode(null!)).ParamName);
    }

    [Fact]
    public void Decode_Number_IsKept()
    {
        Assert.Equal(7, PacketDecoder.Decode(Captured(Ethernet(UdpIPv4())), 7).Number);
        Assert.Equal(1, PacketDecoder.Decode(Captured(Ethernet(UdpIPv4()))).Number);
    }

    [Fact]
    public void ToHexDump_LeavesOutFieldsPastTheCapturedBytes()
    {
        var whole = Ethernet(IPv4(6, Tcp(1, 2, payload: Hello)));
        var packet = Decode(whole[..50], originalLength: whole.Length); // the TCP header is cut inside

        var dump = packet.ToHexDump().ToString();

        Assert.Contains("IPv4 destination", dump, StringComparison.Ordinal);
        Assert.Contains("the TCP header at byte 34 is cut short", packet.Problem, StringComparison.Ordinal);
        Assert.Equal(packet.ToHexDump().ToMimeBundle()["text/plain"], packet.ToMimeBundle()["text/plain"]);
    }

    [Theory]
    [InlineData(LinkType.Ethernet, 14)]
    [InlineData(LinkType.Null, 4)]
    [InlineData(LinkType.LinuxCooked, 16)]
    public void Decode_ALinkHeaderAndNothingMore_StopsAtTheIPHeader(LinkType link, int length)
    {
        var bytes = new byte[length];
        if (link == LinkType.Ethernet)
        {
            bytes[12] = 0x08;
        }
        else if (link == LinkType.LinuxCooked)
        {
            bytes[14] = 0x08;
        }
        else
        {
            bytes[0] = 2;
        }

        var packet = Decode(bytes, link);

        Assert.Equal($"the IPv4 header at byte {length} is cut short: 0 of 20 bytes.", packet.Problem);
        Assert.NotEmpty(packet.Fields);
    }

    [Fact]
    public void Decode_IPv6WithNothingAbove_IsIPv6()
    {
        var packet = Decode(IPv6(59, []), LinkType.Raw);

        Assert.Equal("IPv6", packet.Protocol);
        Assert.Equal("the IP packet carries protocol 59 (unknown), which this course does not take apart.", packet.Problem);
        Assert.Equal("::1", packet.SourceEndpoint);
    }

    [Fact]
    public void Decode_IPv4TotalLengthOfJustItsHeader_HasNoRoomForTheTransport()
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2, Hello), totalLength: 20)));

        Assert.Equal("the UDP header at byte 34 is cut short: 0 of 8 bytes.", packet.Problem);
    }

    [Fact]
    public void Decode_IPv6InEthernetCutShort_CountsFromItsOwnStart()
    {
        var bytes = Ethernet(IPv6(17, Udp(1, 2)), 0x86dd);

        Assert.Equal("the IPv6 header at byte 14 is cut short: 36 of 40 bytes.", Decode(bytes[..50]).Problem);
    }

    [Fact]
    public void Decode_IPv6PayloadLongerThanTheBytes_LeavesTheChecksumUnchecked()
    {
        var packet = Decode(IPv6(17, Udp(1, 2, Hello), payloadLength: 20), LinkType.Raw);

        Assert.Equal(ChecksumState.Unchecked, packet.Udp!.Checksum.State);
        Assert.Equal(ChecksumState.Correct, Decode(IPv6(17, Udp(1, 2, Hello)), LinkType.Raw).Udp!.Checksum.State);
    }

    [Fact]
    public void Decode_TcpChecksumOfZero_IsWrong_NotUnused()
    {
        var bytes = Ethernet(IPv4(6, Tcp(1, 2, payload: Hello)));
        bytes[50] = bytes[51] = 0;

        var checksum = Decode(bytes).Tcp!.Checksum;

        Assert.Equal(ChecksumState.Incorrect, checksum.State); // only UDP may leave its checksum out
        Assert.Equal(0, checksum.Stored);
    }

    [Fact]
    public void Decode_UdpTooShortForItsHeader_HasNoPayloadAtAll()
    {
        var packet = Decode(Ethernet(IPv4(17, Udp(1, 2, Hello, 4), transportChecksum: false)));

        Assert.Equal(0, packet.PayloadOffset);
        Assert.Null(packet.PayloadProtocol);
    }

    [Fact]
    public void Decode_Protocols_AreNamedInTheIPHeader()
    {
        Assert.Equal("17 (UDP)", Field(Decode(Ethernet(UdpIPv4())), "IPv4", "protocol"));
        Assert.Equal("17 (UDP)", Field(Decode(IPv6(17, Udp(1, 2)), LinkType.Raw), "IPv6", "next header"));
    }

    [Fact]
    public void Ntp_IsReadOnlyInUdp_OnItsPorts()
    {
        var ntp = new byte[48];
        ntp[0] = 0x23; // version 4, client
        var overUdp = Decode(Ethernet(IPv4(17, Udp(40000, 123, ntp))));
        var overTcp = Decode(Ethernet(IPv4(6, Tcp(40000, 123, payload: ntp))));
        var elsewhere = Decode(Ethernet(IPv4(17, Udp(40000, 40123, ntp))));
        var tooShort = Decode(Ethernet(IPv4(17, Udp(40000, 123, ntp[..47]))));

        Assert.Equal("NTP", overUdp.Protocol);
        Assert.Equal("NTP Version 4, client", overUdp.PayloadInfo);
        Assert.Equal("TCP", overTcp.Protocol);
        Assert.Equal("UDP", elsewhere.Protocol);
        Assert.Equal("UDP", tooShort.Protocol);
        Assert.Equal("NTP", Decode(Ethernet(IPv4(17, Udp(123, 40000, ntp)))).Protocol);
    }

    [Fact]
    public void ServeNtpOn_AddsAPort_AndRefusesANumberThatIsNot()
    {
        var ntp = new byte[48];
        ntp[0] = 0x24; // version 4, server

        PayloadProtocols.ServeNtpOn(40124);

        Assert.Equal("NTP", Decode(Ethernet(IPv4(17, Udp(40124, 50000, ntp)))).Protocol);
        Assert.Throws<ArgumentOutOfRangeException>(() => PayloadProtocols.ServeNtpOn(65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => PayloadProtocols.ServeNtpOn(-1));
    }
}
