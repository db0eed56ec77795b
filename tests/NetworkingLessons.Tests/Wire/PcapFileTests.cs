using System.Buffers.Binary;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

public sealed class PcapFileTests
{
    private static byte[] Bytes(Recording recording)
    {
        using var memory = new MemoryStream();
        PcapFile.Write(memory, NetworkingLessons.Wire.Wire.Recorded(recording).Captured);
        return memory.ToArray();
    }

    [Fact]
    public void WriteThenRead_GivesTheSamePackets()
    {
        var packets = NetworkingLessons.Wire.Wire.Recorded(Recording.TcpConnection).Captured;

        var read = PcapFile.Read(Bytes(Recording.TcpConnection), "round trip");

        Assert.Equal(packets, read);
    }

    [Fact]
    public void Read_BigEndianNanosecondFile_ReadsTheSame()
    {
        var little = PcapFile.Read(Bytes(Recording.UdpExchange));
        var big = new List<byte>();
        void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); big.AddRange(b); }
        void U16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, v); big.AddRange(b); }
        U32(PcapFile.NanosecondMagic); U16(2); U16(4); U32(0); U32(0); U32(65535); U32(1);
        foreach (var p in little)
        {
            var ns = (p.Timestamp - DateTimeOffset.UnixEpoch).Ticks * 100;
            U32((uint)(ns / 1_000_000_000)); U32((uint)(ns % 1_000_000_000)); U32((uint)p.Data.Length); U32((uint)p.OriginalLength);
            big.AddRange(p.Data.ToArray());
        }

        Assert.Equal(little, PcapFile.Read(big.ToArray()));
    }

    [Theory]
    [InlineData(10, "at byte 10: the file header needs 24 bytes; there are only 10.")]
    [InlineData(30, "at byte 24: packet 1's record header is cut short: 6 of 16 bytes.")]
    [InlineData(60, "at byte 40: packet 1 is cut short: 20 of its 74 bytes are there.")]
    public void Read_Truncated_SaysWhereAndHowMuch(int keep, string expected)
    {
        var bytes = Bytes(Recording.TcpConnection)[..keep];

        var ex = Assert.Throws<PcapFormatException>(() => PcapFile.Read(bytes, "cut.pcap"));

        Assert.Equal("cut.pcap, " + expected, ex.Message);
    }

    [Fact]
    public void Read_Pcapng_NamesTheFormat()
    {
        var bytes = new byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x0A0D0D0A);

        Assert.Contains("this is a pcapng file", Assert.Throws<PcapFormatException>(() => PcapFile.Read(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAPcap_SaysTheMagicNumber()
    {
        Assert.Contains("at byte 0: 0x73696874 is not a pcap magic number", Assert.Throws<PcapFormatException>(() => PcapFile.Read("this is not a pcap file at all."u8)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeLengthClaim_IsRefusedBeforeAllocating()
    {
        var bytes = Bytes(Recording.UdpExchange);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 0x7FFF_FFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 12), 0x7FFF_FFFF);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<PcapFormatException>(() => PcapFile.Read(bytes));

        Assert.Contains("claims 2147483647 captured bytes, more than the 262144-byte limit", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "no large allocation");
    }

    [Fact]
    public void Read_CapturedLongerThanOriginal_IsRefused()
    {
        var bytes = Bytes(Recording.UdpExchange);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 12), 10);

        Assert.Contains("claims 58 captured bytes of a 10-byte packet", Assert.Throws<PcapFormatException>(() => PcapFile.Read(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownLinkType_NamesIt()
    {
        var bytes = Bytes(Recording.UdpExchange);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 127);

        Assert.Contains("link type 127 is not one this course reads", Assert.Throws<PcapFormatException>(() => PcapFile.Read(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fuzz_TenThousandBrokenCaptures_GiveClearErrorsAndNeverCrash()
    {
        var seeds = Enum.GetValues<Recording>().Select(Bytes).ToArray();
        var random = new Random(20261201);
        var clear = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = (byte[])seeds[i % seeds.Length].Clone();
            switch (random.Next(4))
            {
                case 0:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 1:
                    for (var flips = random.Next(1, 9); flips > 0; flips--)
                    {
                        bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                    }
                    break;
                case 2:
                    // A record's length fields, where trust matters most.
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), (uint)random.Next());
                    break;
                default:
                    random.NextBytes(bytes.AsSpan(14 + 24 + 16));
                    break;
            }
            try
            {
                var trace = new PacketTrace(PcapFile.Read(bytes, $"case {i}"), "fuzz");
                foreach (var packet in trace)
                {
                    _ = trace.Info(packet);
                    _ = packet.ToHexDump().ToString();
                }
                _ = trace.ToString();
                _ = trace.Ladder().ToSvg();
            }
            catch (PcapFormatException ex)
            {
                Assert.StartsWith($"case {i}, at byte ", ex.Message, StringComparison.Ordinal);
                clear++;
            }
        }
        Assert.True(clear > 1000, $"only {clear} of 10,000 broken captures were refused; the rest decoded");
    }
}
