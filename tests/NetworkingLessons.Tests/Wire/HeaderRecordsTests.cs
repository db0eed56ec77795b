using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

/// <summary>The header records' own rules: flags as tcpdump and Wireshark write them, options by kind and length, checksums in words, equality by content.</summary>
public sealed class HeaderRecordsTests
{
    private static TcpSegment Segment(TcpFlags flags, params TcpOption[] options) =>
        new(1, 2, 3, 4, 20, flags, 5, new Checksum(1, 1, ChecksumState.Correct), 0, options, 0);

    [Theory]
    [InlineData(TcpFlags.Syn, "S", "SYN")]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack, "S.", "SYN, ACK")]
    [InlineData(TcpFlags.Ack, ".", "ACK")]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack, "F.", "FIN, ACK")]
    [InlineData(TcpFlags.Psh | TcpFlags.Ack, "P.", "PSH, ACK")]
    [InlineData(TcpFlags.Rst, "R", "RST")]
    [InlineData(TcpFlags.Urg, "U", "URG")]
    [InlineData(TcpFlags.Ece, "E", "ECE")]
    [InlineData(TcpFlags.Cwr, "W", "CWR")]
    [InlineData(TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, "SEW", "SYN, ECE, CWR")]
    [InlineData(TcpFlags.Fin | TcpFlags.Syn | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Ack | TcpFlags.Urg | TcpFlags.Ece | TcpFlags.Cwr, "SFPRUEW.", "FIN, SYN, RST, PSH, ACK, URG, ECE, CWR")]
    [InlineData(TcpFlags.None, "none", "<none>")]
    public void Flags_ReadAsTcpdumpAndWiresharkWriteThem(TcpFlags flags, string letters, string names)
    {
        var segment = Segment(flags);

        Assert.Equal(letters, segment.FlagLetters);
        Assert.Equal(names, segment.FlagNames);
    }

    [Theory]
    [InlineData(0, new byte[0], "eol")]
    [InlineData(1, new byte[0], "nop")]
    [InlineData(2, new byte[] { 0xff, 0xd7 }, "mss 65495")]
    [InlineData(2, new byte[] { 0xff }, "unknown-2 0xff")] // an MSS must be two bytes
    [InlineData(3, new byte[] { 14 }, "wscale 14")]
    [InlineData(3, new byte[] { 14, 0 }, "unknown-3 0x0e00")]
    [InlineData(4, new byte[0], "sackOK")]
    [InlineData(5, new byte[] { 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4 }, "sack 2 {1:2}{3:4}")]
    [InlineData(5, new byte[0], "sack 0 ")]
    [InlineData(8, new byte[] { 0, 0, 1, 0, 0, 0, 0, 2 }, "TS val 256 ecr 2")]
    [InlineData(8, new byte[] { 0, 0, 1, 0, 0, 0, 0 }, "unknown-8 0x00000100000000")]
    [InlineData(254, new byte[] { 0xAB, 0xCD }, "unknown-254 0xabcd")]
    public void Option_IsWrittenAsTcpdumpWritesIt(byte kind, byte[] value, string text)
    {
        Assert.Equal(text, new TcpOption(kind, value).ToString());
    }

    [Fact]
    public void Option_ValuesAreReadOnlyForTheirKindAndLength()
    {
        Assert.Equal((ushort)1460, new TcpOption(2, new byte[] { 0x05, 0xb4 }).MaximumSegmentSize);
        Assert.Null(new TcpOption(3, new byte[] { 0x05, 0xb4 }).MaximumSegmentSize);
        Assert.Null(new TcpOption(2, new byte[] { 0x05, 0xb4, 0 }).MaximumSegmentSize);
        Assert.Equal((byte)7, new TcpOption(3, new byte[] { 7 }).WindowScale);
        Assert.Null(new TcpOption(2, new byte[] { 7 }).WindowScale);
        Assert.Null(new TcpOption(3, new byte[] { 7, 7 }).WindowScale);
        Assert.Equal((1u, 0xFFFFFFFFu), new TcpOption(8, new byte[] { 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff }).Timestamps);
        Assert.Null(new TcpOption(5, new byte[8]).Timestamps);
        Assert.Null(new TcpOption(8, new byte[9]).Timestamps);
    }

    [Fact]
    public void Option_EqualsByKindAndBytes()
    {
        var option = new TcpOption(2, new byte[] { 1, 2 });

        Assert.Equal(option, new TcpOption(2, new byte[] { 1, 2 }));
        Assert.Equal(option.GetHashCode(), new TcpOption(2, new byte[] { 1, 2 }).GetHashCode());
        Assert.NotEqual(option, new TcpOption(2, new byte[] { 1, 3 }));
        Assert.NotEqual(option, new TcpOption(3, new byte[] { 1, 2 }));
        Assert.False(option.Equals(null));
    }

    [Fact]
    public void Segment_EqualsByEveryFieldAndOption()
    {
        var segment = Segment(TcpFlags.Syn, new TcpOption(1, Array.Empty<byte>()));

        Assert.Equal(segment, Segment(TcpFlags.Syn, new TcpOption(1, Array.Empty<byte>())));
        Assert.Equal(segment.GetHashCode(), Segment(TcpFlags.Syn, new TcpOption(1, Array.Empty<byte>())).GetHashCode());
        Assert.NotEqual(segment, Segment(TcpFlags.Syn));
        Assert.NotEqual(segment, Segment(TcpFlags.Ack, new TcpOption(1, Array.Empty<byte>())));
        Assert.NotEqual(segment, segment with { PayloadLength = 1 });
        Assert.NotEqual(segment, segment with { UrgentPointer = 1 });
        Assert.NotEqual(segment, segment with { Checksum = new Checksum(1, 2, ChecksumState.Incorrect) });
        Assert.False(segment.Equals(null));
    }

    [Theory]
    [InlineData(ChecksumState.Correct, "0x00ab (correct)")]
    [InlineData(ChecksumState.Incorrect, "0x00ab (incorrect: should be 0xcd01)")]
    [InlineData(ChecksumState.Offloaded, "0x00ab (offloaded, unfinished: would be 0xcd01)")]
    [InlineData(ChecksumState.NotUsed, "0x0000 (not used)")]
    [InlineData(ChecksumState.Unchecked, "0x00ab (not checked: the capture cut the packet short)")]
    public void Checksum_SaysWhichCaseItIs(ChecksumState state, string text)
    {
        Assert.Equal(text, new Checksum(0xab, 0xcd01, state).ToString());
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(7, 0)]
    [InlineData(0, 0)]
    [InlineData(9, 1)]
    [InlineData(65535, 65527)]
    public void Udp_PayloadLength_IsTheLengthLessItsHeader(int length, int payload)
    {
        Assert.Equal(payload, new UdpDatagram(1, 2, (ushort)length, new Checksum(0, 0, ChecksumState.NotUsed)).PayloadLength);
    }

    [Fact]
    public void CapturedPacket_EqualsByTimeLengthLinkAndBytes()
    {
        var time = Packets.Start;
        var packet = new CapturedPacket(time, new byte[] { 1, 2 }, 2, LinkType.Ethernet);

        Assert.Equal(packet, new CapturedPacket(time, new byte[] { 1, 2 }, 2, LinkType.Ethernet));
        Assert.Equal(packet.GetHashCode(), new CapturedPacket(time, new byte[] { 1, 2 }, 2, LinkType.Ethernet).GetHashCode());
        Assert.NotEqual(packet, packet with { Data = new byte[] { 1, 3 } });
        Assert.NotEqual(packet, packet with { OriginalLength = 3 });
        Assert.NotEqual(packet, packet with { LinkType = LinkType.Raw });
        Assert.NotEqual(packet, packet with { Timestamp = time.AddTicks(1) });
        Assert.False(packet.Equals(null));
    }
}
