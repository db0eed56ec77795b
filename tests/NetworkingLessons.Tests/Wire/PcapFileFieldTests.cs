using System.Buffers.Binary;
using NetworkingLessons.Wire;
using static NetworkingLessons.Tests.Wire.Packets;

namespace NetworkingLessons.Tests.Wire;

/// <summary>The pcap format field by field: what the writer puts in each header, and each field the reader checks, at and just past its limit.</summary>
public sealed class PcapFileFieldTests
{
    private static byte[] Write(IReadOnlyList<CapturedPacket> packets, int snapLength = PcapFile.MaxPacketLength)
    {
        using var memory = new MemoryStream();
        PcapFile.Write(memory, packets, snapLength);
        return memory.ToArray();
    }

    private static byte[] OnePacket(int length = 60, int? original = null, LinkType link = LinkType.Ethernet) =>
        Write([new CapturedPacket(Start.AddTicks(12_345_670), new byte[length], original ?? length, link)]);

    private static string Refused(byte[] bytes) => Assert.Throws<PcapFormatException>(() => PcapFile.Read(bytes, "f")).Message;

    [Fact]
    public void Write_FileHeader_IsVersion24MicrosecondsLittleEndian()
    {
        var bytes = Write([], snapLength: 1500);

        Assert.Equal(24, bytes.Length);
        Assert.Equal("D4C3B2A1" + "0200" + "0400" + "00000000" + "00000000" + "DC050000" + "01000000", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Write_RecordHeader_HasSecondsMicrosecondsAndBothLengths()
    {
        var bytes = OnePacket(length: 60, original: 1514, link: LinkType.Raw);

        var record = bytes.AsSpan(24, 16);
        Assert.Equal((uint)(Start.ToUnixTimeSeconds() + 1), BinaryPrimitives.ReadUInt32LittleEndian(record));
        Assert.Equal(234_567u, BinaryPrimitives.ReadUInt32LittleEndian(record[4..]));
        Assert.Equal(60, BinaryPrimitives.ReadInt32LittleEndian(record[8..]));
        Assert.Equal(1514, BinaryPrimitives.ReadInt32LittleEndian(record[12..]));
        Assert.Equal(101u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(24 + 16 + 60, bytes.Length);
    }

    [Fact]
    public void Write_OriginalShorterThanTheData_WritesTheDataLength()
    {
        var bytes = OnePacket(length: 60, original: 10);

        Assert.Equal(60, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24 + 12)));
    }

    [Fact]
    public void Write_RefusesMixedLinkTypesAndOverlongPackets()
    {
        var ethernet = Captured(new byte[60]);
        var raw = Captured(new byte[60], LinkType.Raw);
        var huge = Captured(new byte[PcapFile.MaxPacketLength + 1]);

        var mixed = Assert.Throws<ArgumentException>(() => Write([ethernet, raw]));
        var big = Assert.Throws<ArgumentException>(() => Write([huge]));

        Assert.Equal("packets", mixed.ParamName);
        Assert.StartsWith("A pcap file has one link type; these packets have Ethernet and Raw.", mixed.Message, StringComparison.Ordinal);
        Assert.Equal("packets", big.ParamName);
        Assert.StartsWith($"A packet of {PcapFile.MaxPacketLength + 1} bytes is longer than {PcapFile.MaxPacketLength}.", big.Message, StringComparison.Ordinal);
        Assert.Equal(24 + 16 + PcapFile.MaxPacketLength, Write([Captured(new byte[PcapFile.MaxPacketLength])]).Length);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => PcapFile.Write((Stream)null!, [])).ParamName);
        Assert.Equal("packets", Assert.Throws<ArgumentNullException>(() => PcapFile.Write(new MemoryStream(), null!)).ParamName);
    }

    [Fact]
    public void Read_GivesTheTimestampToTheMicrosecond_AndEveryField()
    {
        var packet = Assert.Single(PcapFile.Read(OnePacket(length: 60, original: 1514, link: LinkType.LinuxCooked)));

        Assert.Equal(Start.AddTicks(12_345_670), packet.Timestamp);
        Assert.Equal(60, packet.Data.Length);
        Assert.Equal(1514, packet.OriginalLength);
        Assert.Equal(LinkType.LinuxCooked, packet.LinkType);
    }

    [Fact]
    public void Read_NanosecondFile_KeepsTicks()
    {
        var bytes = OnePacket();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, PcapFile.NanosecondMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 4), 999_999_999);

        var packet = Assert.Single(PcapFile.Read(bytes));

        Assert.Equal(9_999_999, packet.Timestamp.Ticks % TimeSpan.TicksPerSecond);
    }

    [Theory]
    [InlineData(false, 999_999, null)]
    [InlineData(false, 1_000_000, "f, at byte 28: packet 1's timestamp has 1000000 microseconds, more than a second.")]
    [InlineData(true, 999_999_999, null)]
    [InlineData(true, 1_000_000_000, "f, at byte 28: packet 1's timestamp has 1000000000 nanoseconds, more than a second.")]
    public void Read_Fraction_IsLessThanASecond(bool nanoseconds, int fraction, string? message)
    {
        var bytes = OnePacket();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, nanoseconds ? PcapFile.NanosecondMagic : PcapFile.MicrosecondMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 4), (uint)fraction);

        if (message is null)
        {
            Assert.Single(PcapFile.Read(bytes));
        }
        else
        {
            Assert.Equal(message, Refused(bytes));
        }
    }

    [Fact]
    public void Read_Version_MustBe2()
    {
        var bytes = OnePacket();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), 1);

        Assert.Equal("f, at byte 4: pcap version 3.1; only version 2 exists.", Refused(bytes));
    }

    [Fact]
    public void Read_BigEndianVersion_IsReadInTheFilesOrder()
    {
        var bytes = OnePacket();
        BinaryPrimitives.WriteUInt32BigEndian(bytes, PcapFile.MicrosecondMagic);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), 1);
        for (var field = 24; field < 40; field += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(field), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(field)));
        }

        var packet = Assert.Single(PcapFile.Read(bytes));

        Assert.Equal(Start.AddTicks(12_345_670), packet.Timestamp);
        Assert.Equal(60, packet.OriginalLength);
    }

    [Theory]
    [InlineData(0, LinkType.Null)]
    [InlineData(1, LinkType.Ethernet)]
    [InlineData(101, LinkType.Raw)]
    [InlineData(113, LinkType.LinuxCooked)]
    [InlineData(0x1000_0001, LinkType.Ethernet)] // an FCS length in the top bits
    public void Read_LinkType_IsOneOfTheFourTheCourseReads(uint field, LinkType link)
    {
        var bytes = OnePacket();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), field);

        Assert.Equal(link, Assert.Single(PcapFile.Read(bytes)).LinkType);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x1000_0071 + 1)]
    public void Read_OtherLinkType_IsNamed(uint field)
    {
        var bytes = OnePacket();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), field);

        Assert.Equal($"f, at byte 20: link type {field & 0x0FFF_FFFF} is not one this course reads (Ethernet 1, BSD loopback 0, raw IP 101, Linux cooked 113).", Refused(bytes));
    }

    [Fact]
    public void Read_CapturedLength_IsCappedAtTheLimitWhateverTheSnapLength()
    {
        var ok = OnePacket(length: PcapFile.MaxPacketLength);
        var over = OnePacket(length: PcapFile.MaxPacketLength);
        BinaryPrimitives.WriteUInt32LittleEndian(over.AsSpan(24 + 8), PcapFile.MaxPacketLength + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(over.AsSpan(24 + 12), PcapFile.MaxPacketLength + 1);
        var smallSnap = OnePacket(length: 100);
        BinaryPrimitives.WriteUInt32LittleEndian(smallSnap.AsSpan(16), 64); // a snap length tcpdump did not keep to

        Assert.Equal(PcapFile.MaxPacketLength, Assert.Single(PcapFile.Read(ok)).Data.Length);
        Assert.Equal($"f, at byte 32: packet 1 claims {PcapFile.MaxPacketLength + 1} captured bytes, more than the {PcapFile.MaxPacketLength}-byte limit.", Refused(over));
        Assert.Equal(100, Assert.Single(PcapFile.Read(smallSnap)).Data.Length);
    }

    [Fact]
    public void Read_CapturedEqualToOriginal_IsWhole()
    {
        var bytes = OnePacket(length: 60, original: 60);

        Assert.Equal(60, Assert.Single(PcapFile.Read(bytes)).OriginalLength);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 12), 59);
        Assert.Equal("f, at byte 32: packet 1 claims 60 captured bytes of a 59-byte packet.", Refused(bytes));
    }

    [Fact]
    public void Read_SecondPacketCutShort_CountsIt()
    {
        var bytes = Write([Captured(new byte[10]), Captured(new byte[10])]);

        Assert.Equal("f, at byte 50: packet 2's record header is cut short: 1 of 16 bytes.", Refused(bytes[..(24 + 26 + 1)]));
        Assert.Equal("f, at byte 66: packet 2 is cut short: 9 of its 10 bytes are there.", Refused(bytes[..^1]));
        Assert.Equal(2, PcapFile.Read(bytes).Count);
    }

    [Fact]
    public void Read_HeaderOfExactly24Bytes_IsAnEmptyCapture()
    {
        Assert.Empty(PcapFile.Read(Write([])));
        Assert.Equal("f, at byte 23: the file header needs 24 bytes; there are only 23.", Refused(Write([])[..23]));
    }

    [Fact]
    public void Read_Path_NamesTheFileInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, new byte[5]);
        try
        {
            var ex = Assert.Throws<PcapFormatException>(() => PcapFile.Read(path));

            Assert.Equal(path, ex.Source);
            Assert.Equal(5, ex.Offset);
            Assert.Equal("the file header needs 24 bytes; there are only 5.", ex.Problem);
            Assert.Equal("path", Assert.Throws<ArgumentException>(() => PcapFile.Read("")).ParamName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_AnEmptyPacketLast_IsKept()
    {
        var bytes = Write([Captured(new byte[10]), Captured([])]);

        var packets = PcapFile.Read(bytes);

        Assert.Equal(24 + 26 + 16, bytes.Length);
        Assert.Equal([10, 0], packets.Select(p => p.Data.Length));
    }
}
