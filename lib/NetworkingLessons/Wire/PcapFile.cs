using System.Buffers.Binary;

namespace NetworkingLessons.Wire;

/// <summary>
/// Reads and writes the classic pcap format (what tcpdump and Wireshark read and write): a 24-byte
/// header (magic number, version 2.4, snap length, link type), then a 16-byte record header per
/// packet (seconds, microseconds or nanoseconds, captured length, original length) and its bytes.
/// Reading accepts either byte order and either time resolution, and checks every length against
/// what remains and against a cap before it allocates.
/// </summary>
public static class PcapFile
{
    /// <summary>The magic number of a pcap file with microsecond timestamps, written in the writer's byte order.</summary>
    public const uint MicrosecondMagic = 0xA1B2C3D4;

    /// <summary>The magic number of a pcap file with nanosecond timestamps.</summary>
    public const uint NanosecondMagic = 0xA1B23C4D;

    /// <summary>The largest packet this course captures or reads (tcpdump's default snap length).</summary>
    public const int MaxPacketLength = 262_144;

    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    /// <summary>Writes <paramref name="packets"/> as a pcap file (little-endian, microseconds), all of one link type.</summary>
    /// <exception cref="ArgumentException">The packets have different link types, or one is longer than <see cref="MaxPacketLength"/>.</exception>
    public static void Write(Stream stream, IReadOnlyList<CapturedPacket> packets, int snapLength = MaxPacketLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(packets);
        var linkType = packets.Count == 0 ? LinkType.Ethernet : packets[0].LinkType;
        if (packets.FirstOrDefault(p => p.LinkType != linkType) is { } other)
        {
            throw new ArgumentException($"A pcap file has one link type; these packets have {linkType} and {other.LinkType}.", nameof(packets));
        }
        Span<byte> header = stackalloc byte[FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, MicrosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);   // thiszone: timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        stream.Write(header);
        Span<byte> record = stackalloc byte[RecordHeaderLength];
        foreach (var packet in packets)
        {
            if (packet.Data.Length > MaxPacketLength)
            {
                throw new ArgumentException($"A packet of {packet.Data.Length} bytes is longer than {MaxPacketLength}.", nameof(packets));
            }
            var microseconds = (packet.Timestamp - DateTimeOffset.UnixEpoch).Ticks / 10;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(microseconds / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(microseconds % 1_000_000));
            BinaryPrimitives.WriteInt32LittleEndian(record[8..], packet.Data.Length);
            BinaryPrimitives.WriteInt32LittleEndian(record[12..], Math.Max(packet.OriginalLength, packet.Data.Length));
            stream.Write(record);
            stream.Write(packet.Data.Span);
        }
    }

    /// <summary>Writes the packets to a file.</summary>
    public static void Write(string path, IReadOnlyList<CapturedPacket> packets)
    {
        using var file = File.Create(path);
        Write(file, packets);
    }

    /// <summary>Reads a pcap file.</summary>
    /// <exception cref="PcapFormatException">The file is not pcap (pcapng is named as such), or a header or packet is cut short or impossible.</exception>
    public static IReadOnlyList<CapturedPacket> Read(string path)
    {
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads pcap bytes; <paramref name="source"/> names them in errors.</summary>
    /// <exception cref="PcapFormatException">The bytes are not pcap, or a header or packet is cut short or impossible.</exception>
    public static IReadOnlyList<CapturedPacket> Read(ReadOnlySpan<byte> bytes, string source = "<bytes>")
    {
        if (bytes.Length < FileHeaderLength)
        {
            throw new PcapFormatException(source, bytes.Length, $"the file header needs {FileHeaderLength} bytes; there are only {bytes.Length}.");
        }
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var (bigEndian, nanoseconds) = magic switch
        {
            MicrosecondMagic => (false, false),
            NanosecondMagic => (false, true),
            0xD4C3B2A1 => (true, false),
            0x4D3CB2A1 => (true, true),
            0x0A0D0D0A => throw new PcapFormatException(source, 0, "this is a pcapng file; save it as pcap (Wireshark: File › Save As › pcap), or read it with tcpdump."),
            _ => throw new PcapFormatException(source, 0, $"0x{magic:X8} is not a pcap magic number (0xA1B2C3D4, or 0xA1B23C4D for nanoseconds)."),
        };
        uint U32(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
        ushort U16(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
        var major = U16(bytes[4..]);
        if (major != 2)
        {
            throw new PcapFormatException(source, 4, $"pcap version {major}.{U16(bytes[6..])}; only version 2 exists.");
        }
        var linkType = U32(bytes[20..]) & 0x0FFF_FFFF; // the top bits may carry an FCS length
        if (!Enum.IsDefined((LinkType)linkType))
        {
            throw new PcapFormatException(source, 20, $"link type {linkType} is not one this course reads (Ethernet 1, BSD loopback 0, raw IP 101, Linux cooked 113).");
        }
        var packets = new List<CapturedPacket>();
        var offset = FileHeaderLength;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < RecordHeaderLength)
            {
                throw new PcapFormatException(source, offset, $"packet {packets.Count + 1}'s record header is cut short: {bytes.Length - offset} of {RecordHeaderLength} bytes.");
            }
            var record = bytes.Slice(offset, RecordHeaderLength);
            var seconds = U32(record);
            var fraction = U32(record[4..]);
            var captured = U32(record[8..]);
            var original = U32(record[12..]);
            if (fraction >= (nanoseconds ? 1_000_000_000u : 1_000_000u))
            {
                throw new PcapFormatException(source, offset + 4, $"packet {packets.Count + 1}'s timestamp has {fraction} {(nanoseconds ? "nanoseconds" : "microseconds")}, more than a second.");
            }
            // Whatever the file's snap length says (tools do not always keep to it), no packet is longer than the limit.
            if (captured > MaxPacketLength)
            {
                throw new PcapFormatException(source, offset + 8, $"packet {packets.Count + 1} claims {captured} captured bytes, more than the {MaxPacketLength}-byte limit.");
            }
            if (captured > original)
            {
                throw new PcapFormatException(source, offset + 8, $"packet {packets.Count + 1} claims {captured} captured bytes of a {original}-byte packet.");
            }
            offset += RecordHeaderLength;
            if (bytes.Length - offset < captured)
            {
                throw new PcapFormatException(source, offset, $"packet {packets.Count + 1} is cut short: {bytes.Length - offset} of its {captured} bytes are there.");
            }
            var ticks = seconds * TimeSpan.TicksPerSecond + (nanoseconds ? fraction / 100 : fraction * 10L);
            packets.Add(new CapturedPacket(DateTimeOffset.UnixEpoch.AddTicks(ticks), bytes.Slice(offset, (int)captured).ToArray(), (int)original, (LinkType)linkType));
            offset += (int)captured;
        }
        return packets;
    }
}
