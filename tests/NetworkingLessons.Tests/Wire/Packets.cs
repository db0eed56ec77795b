using System.Buffers.Binary;
using System.Net;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

/// <summary>
/// Packets made field by field, with checksums computed here (RFC 1071, written again from the RFC
/// rather than borrowed from the library under test), for the cases no recording holds: IPv6,
/// other link types, options, fragments, and every way a header can be wrong.
/// </summary>
internal static class Packets
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A TCP header (20 bytes plus <paramref name="options"/>, padded to a multiple of 4), then <paramref name="payload"/>.</summary>
    public static byte[] Tcp(ushort source, ushort destination, uint sequence = 1000, uint acknowledgment = 0, TcpFlags flags = TcpFlags.Syn,
        ushort window = 512, byte[]? options = null, byte[]? payload = null, ushort urgent = 0)
    {
        options ??= [];
        payload ??= [];
        var headerLength = 20 + (options.Length + 3) / 4 * 4;
        var segment = new byte[headerLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, source);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), acknowledgment);
        segment[12] = (byte)(headerLength / 4 << 4);
        segment[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), window);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(18), urgent);
        options.CopyTo(segment.AsSpan(20));
        payload.CopyTo(segment.AsSpan(headerLength));
        return segment;
    }

    /// <summary>A UDP header and <paramref name="payload"/>; <paramref name="length"/> overrides the length field.</summary>
    public static byte[] Udp(ushort source, ushort destination, byte[]? payload = null, ushort? length = null)
    {
        payload ??= [];
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, source);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), length ?? (ushort)datagram.Length);
        payload.CopyTo(datagram.AsSpan(8));
        return datagram;
    }

    /// <summary>
    /// An IPv4 packet around <paramref name="transport"/>, with the header checksum and the transport
    /// checksum (at byte 16 for TCP, 6 for UDP) filled in; the other arguments override fields.
    /// </summary>
    public static byte[] IPv4(byte protocol, byte[] transport, string source = "127.0.0.1", string destination = "127.0.0.2",
        byte[]? options = null, ushort flagsAndOffset = 0x4000, ushort? totalLength = null, byte ttl = 64, byte tos = 0, ushort id = 0x1234,
        bool transportChecksum = true)
    {
        options ??= [];
        var headerLength = 20 + options.Length;
        var packet = new byte[headerLength + transport.Length];
        packet[0] = (byte)(0x40 | headerLength / 4);
        packet[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), totalLength ?? (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), flagsAndOffset);
        packet[8] = ttl;
        packet[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 16);
        options.CopyTo(packet, 20);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, headerLength), []));
        var segment = packet.AsSpan(headerLength);
        transport.CopyTo(segment);
        if (transportChecksum)
        {
            FillTransportChecksum(segment, protocol, Pseudo(packet.AsSpan(12, 8), protocol, transport.Length));
        }
        return packet;
    }

    /// <summary>An IPv6 packet around <paramref name="transport"/>, its transport checksum filled in.</summary>
    public static byte[] IPv6(byte nextHeader, byte[] transport, string source = "::1", string destination = "::1",
        byte trafficClass = 0, int flowLabel = 0, ushort? payloadLength = null, byte hopLimit = 64)
    {
        var packet = new byte[40 + transport.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, 6u << 28 | (uint)trafficClass << 20 | (uint)flowLabel);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), payloadLength ?? (ushort)transport.Length);
        packet[6] = nextHeader;
        packet[7] = hopLimit;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 24);
        var segment = packet.AsSpan(40);
        transport.CopyTo(segment);
        var pseudo = new byte[40];
        packet.AsSpan(8, 32).CopyTo(pseudo);
        BinaryPrimitives.WriteUInt32BigEndian(pseudo.AsSpan(32), (uint)transport.Length);
        pseudo[39] = nextHeader;
        FillTransportChecksum(segment, nextHeader, pseudo);
        return packet;
    }

    /// <summary>An Ethernet frame (zero addresses, as Linux loopback has them) around <paramref name="network"/>.</summary>
    public static byte[] Ethernet(byte[] network, ushort etherType = 0x0800, byte[]? destinationMac = null, byte[]? sourceMac = null)
    {
        var frame = new byte[14 + network.Length];
        (destinationMac ?? new byte[6]).CopyTo(frame, 0);
        (sourceMac ?? new byte[6]).CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        network.CopyTo(frame, 14);
        return frame;
    }

    public static CapturedPacket Captured(byte[] bytes, LinkType link = LinkType.Ethernet, int? originalLength = null, double seconds = 0) =>
        new(Start.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), bytes, originalLength ?? bytes.Length, link);

    public static DecodedPacket Decode(byte[] bytes, LinkType link = LinkType.Ethernet, int? originalLength = null) =>
        PacketDecoder.Decode(Captured(bytes, link, originalLength));

    public static string Field(DecodedPacket packet, string layer, string name) => packet.Fields.Single(f => f.Layer == layer && f.Name == name).Value;

    // The checksum of a TCP segment or UDP datagram: the pseudo-header, then the segment with its checksum field zero.
    private static void FillTransportChecksum(Span<byte> segment, byte protocol, ReadOnlySpan<byte> pseudo)
    {
        var at = protocol switch { 6 => 16, 17 => 6, _ => -1 };
        if (at < 0 || segment.Length < at + 2)
        {
            return;
        }
        var checksum = Checksum(pseudo, segment);
        if (protocol == 17 && checksum == 0)
        {
            checksum = 0xFFFF;
        }
        BinaryPrimitives.WriteUInt16BigEndian(segment[at..], checksum);
    }

    private static byte[] Pseudo(ReadOnlySpan<byte> addresses, byte protocol, int length)
    {
        var pseudo = new byte[12];
        addresses.CopyTo(pseudo);
        pseudo[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)length);
        return pseudo;
    }

    // RFC 1071: the ones' complement of the ones' complement sum of the 16-bit words of both parts
    // (each padded to an even length, as the pseudo-header and a header always are).
    private static ushort Checksum(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        long sum = 0;
        foreach (var part in new[] { first.ToArray(), second.ToArray() })
        {
            for (var i = 0; i < part.Length; i += 2)
            {
                sum += (part[i] << 8) + (i + 1 < part.Length ? part[i + 1] : 0);
            }
        }
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
