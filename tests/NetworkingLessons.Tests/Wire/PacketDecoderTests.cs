using System.Buffers.Binary;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

public sealed class PacketDecoderTests
{
    private static CapturedPacket Syn => NetworkingLessons.Wire.Wire.Recorded(Recording.TcpConnection).Captured[0];

    private static CapturedPacket With(CapturedPacket packet, Action<byte[]> change, int? length = null)
    {
        var bytes = packet.Data.ToArray();
        change(bytes);
        return packet with { Data = bytes[..(length ?? bytes.Length)] };
    }

    [Fact]
    public void Decode_Syn_HasEveryFieldNamedAtItsPlace()
    {
        var packet = PacketDecoder.Decode(Syn);

        Assert.Null(packet.Problem);
        Assert.Equal(TcpFlags.Syn, packet.Tcp!.Flags);
        Assert.Equal("S", packet.Tcp.FlagLetters);
        Assert.Equal(40, packet.Tcp.HeaderLength);
        Assert.Equal((ushort)65495, packet.Tcp.Options[0].MaximumSegmentSize);
        Assert.Equal((byte)10, packet.Tcp.Options.Single(o => o.Kind == 3).WindowScale);
        Assert.Equal(ChecksumState.Offloaded, packet.Tcp.Checksum.State);
        Assert.Equal(ChecksumState.Correct, packet.IPv4!.HeaderChecksum.State);
        var field = packet.Fields.Single(f => f.Name == "sequence number");
        Assert.Equal((14 + 20 + 4, 4), (field.Offset, field.Length));
        Assert.Equal(packet.Tcp.Sequence, BinaryPrimitives.ReadUInt32BigEndian(Syn.Data.Span[field.Offset..]));
        Assert.Contains("IPv4 source", packet.ToHexDump().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WrongIPv4Checksum_IsIncorrect()
    {
        var packet = PacketDecoder.Decode(With(Syn, b => b[24] ^= 0xFF));

        Assert.Equal(ChecksumState.Incorrect, packet.IPv4!.HeaderChecksum.State);
        Assert.StartsWith($"0x{packet.IPv4.HeaderChecksum.Stored:x4} (incorrect: should be 0x", packet.IPv4.HeaderChecksum.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FinishedTcpChecksum_IsCorrect()
    {
        var computed = PacketDecoder.Decode(Syn).Tcp!.Checksum.Computed;

        var packet = PacketDecoder.Decode(With(Syn, b => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(14 + 20 + 16), computed)));

        Assert.Equal(ChecksumState.Correct, packet.Tcp!.Checksum.State);
    }

    [Theory]
    [InlineData(10, "the Ethernet header is cut short: 10 of 14 bytes.")]
    [InlineData(20, "the IPv4 header at byte 14 is cut short: 6 of 20 bytes.")]
    [InlineData(40, "the TCP header at byte 34 is cut short: 6 of 20 bytes.")]
    [InlineData(60, "the TCP data offset at byte 46 says 40 header bytes; only 26 are there.")]
    public void Decode_CutShort_SaysWhereItStopped(int keep, string problem)
    {
        var packet = PacketDecoder.Decode(Syn with { Data = Syn.Data[..keep] });

        Assert.Equal(problem, packet.Problem);
    }

    [Fact]
    public void Decode_BadTcpOptionLength_KeepsTheOptionsBeforeIt()
    {
        var packet = PacketDecoder.Decode(With(Syn, b => b[14 + 20 + 20 + 1] = 60)); // MSS says 60 bytes

        Assert.Empty(packet.Tcp!.Options);
        Assert.Equal("TCP option 2 at option byte 0 has a length that does not fit the header.", packet.Problem);
    }

    [Fact]
    public void Decode_NotIPv4_SaysSo()
    {
        var packet = PacketDecoder.Decode(With(Syn, b => b[14] = 0x65));

        Assert.Equal("byte 14 says version 6, header length 20: not an IPv4 header.", packet.Problem);
    }

    [Fact]
    public void Decode_Fragment_DoesNotReadATransportHeader()
    {
        var packet = PacketDecoder.Decode(With(Syn, b => b[14 + 6] |= 0x20));

        Assert.Null(packet.Tcp);
        Assert.StartsWith("a fragment", packet.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RawIP_SkipsTheLinkHeader()
    {
        var raw = new CapturedPacket(Syn.Timestamp, Syn.Data[14..], Syn.OriginalLength - 14, LinkType.Raw);

        Assert.Equal(PacketDecoder.Decode(Syn).Tcp, PacketDecoder.Decode(raw).Tcp);
    }

    [Fact]
    public void Trace_Info_ReadsLikeWireshark()
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(Recording.TcpConnection);

        Assert.Matches(@"^\d+ → \d+ \[SYN\] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=\d+ TSecr=0 WS=1024$", trace.Info(trace[0]));
        Assert.Matches(@"^\d+ → \d+ \[SYN, ACK\] Seq=0 Ack=1 Win=65483 Len=0 MSS=65495 SACK_PERM TSval=\d+ TSecr=\d+ WS=1024$", trace.Info(trace[1]));
        Assert.Matches(@"^\d+ → \d+ \[PSH, ACK\] Seq=1 Ack=1 Win=64 Len=6 TSval=\d+ TSecr=\d+$", trace.Info(trace[3]));
        Assert.Equal("0.000000", trace.List()[0].Time);
        Assert.Equal(["No", "Time", "Source", "Destination", "Protocol", "Length", "Info"], NetworkingLessons.Display.Table.Of(trace.List()).Columns);
    }

    [Fact]
    public void Trace_Packet_CountsFromOneAsWiresharkDoes()
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(Recording.UdpExchange);

        Assert.Same(trace[0], trace.Packet(1));
        Assert.Equal("number", Assert.Throws<ArgumentOutOfRangeException>(() => trace.Packet(3)).ParamName);
        Assert.Throws<ArgumentException>(() => trace.Relative(trace[0]));
    }
}
