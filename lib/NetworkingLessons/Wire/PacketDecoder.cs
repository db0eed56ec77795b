using System.Buffers.Binary;
using System.Net;

namespace NetworkingLessons.Wire;

/// <summary>
/// Takes a captured packet apart, layer by layer, never trusting a length it has not checked
/// against the bytes there are: link header, IPv4 or IPv6, TCP or UDP, then the payload.
/// </summary>
public static class PacketDecoder
{
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86DD;

    /// <summary>Decodes <paramref name="packet"/>, the <paramref name="number"/>th of its trace. Never throws for what the bytes hold.</summary>
    public static DecodedPacket Decode(CapturedPacket packet, int number = 1)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var decoded = new DecodedPacket(number, packet);
        var bytes = packet.Data.Span;
        switch (packet.LinkType)
        {
            case LinkType.Ethernet:
                if (bytes.Length < 14)
                {
                    decoded.Problem = $"the Ethernet header is cut short: {bytes.Length} of 14 bytes.";
                    return decoded;
                }
                decoded.Add("Ethernet", "destination", 0, 6, Mac(bytes[..6]));
                decoded.Add("Ethernet", "source", 6, 6, Mac(bytes[6..12]));
                var etherType = BinaryPrimitives.ReadUInt16BigEndian(bytes[12..]);
                decoded.Add("Ethernet", "type", 12, 2, $"0x{etherType:x4} ({EtherTypeName(etherType)})");
                Network(decoded, bytes, 14, etherType);
                break;
            case LinkType.Null:
                if (bytes.Length < 4)
                {
                    decoded.Problem = $"the loopback header is cut short: {bytes.Length} of 4 bytes.";
                    return decoded;
                }
                // The family is in the capturing machine's order; IPv6 is 24, 28 or 30 depending on the BSD.
                var family = BinaryPrimitives.ReadUInt32LittleEndian(bytes) is var f && f > 0xFFFF ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
                decoded.Add("Loopback", "family", 0, 4, $"{family}");
                Network(decoded, bytes, 4, family == 2 ? EtherTypeIPv4 : family is 24 or 28 or 30 ? EtherTypeIPv6 : (ushort)0);
                break;
            case LinkType.Raw:
                Network(decoded, bytes, 0, bytes.Length > 0 && bytes[0] >> 4 == 6 ? EtherTypeIPv6 : EtherTypeIPv4);
                break;
            case LinkType.LinuxCooked:
                if (bytes.Length < 16)
                {
                    decoded.Problem = $"the Linux cooked header is cut short: {bytes.Length} of 16 bytes.";
                    return decoded;
                }
                var protocol = BinaryPrimitives.ReadUInt16BigEndian(bytes[14..]);
                decoded.Add("Linux cooked", "protocol", 14, 2, $"0x{protocol:x4} ({EtherTypeName(protocol)})");
                Network(decoded, bytes, 16, protocol);
                break;
        }
        return decoded;
    }

    private static void Network(DecodedPacket decoded, ReadOnlySpan<byte> bytes, int at, ushort etherType)
    {
        switch (etherType)
        {
            case EtherTypeIPv4:
                IPv4(decoded, bytes, at);
                break;
            case EtherTypeIPv6:
                IPv6(decoded, bytes, at);
                break;
            default:
                decoded.Problem = $"the link layer carries {EtherTypeName(etherType)}, which this course does not take apart.";
                break;
        }
    }

    private static void IPv4(DecodedPacket decoded, ReadOnlySpan<byte> bytes, int at)
    {
        const string L = "IPv4";
        if (bytes.Length - at < 20)
        {
            decoded.Problem = $"the IPv4 header at byte {at} is cut short: {bytes.Length - at} of 20 bytes.";
            return;
        }
        var header = bytes[at..];
        var version = header[0] >> 4;
        var headerLength = (header[0] & 0x0F) * 4;
        if (version != 4 || headerLength < 20)
        {
            decoded.Problem = $"byte {at} says version {version}, header length {headerLength}: not an IPv4 header.";
            return;
        }
        if (header.Length < headerLength)
        {
            decoded.Problem = $"the IPv4 header at byte {at} says it is {headerLength} bytes; {header.Length} are there.";
            return;
        }
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var identification = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(header[6..]);
        var protocol = header[9];
        var source = new IPAddress(header.Slice(12, 4));
        var destination = new IPAddress(header.Slice(16, 4));
        var stored = BinaryPrimitives.ReadUInt16BigEndian(header[10..]);
        var computed = (ushort)~InternetChecksum.Fold(InternetChecksum.Add(InternetChecksum.Add(0, header[..10]), header[12..headerLength]));
        var checksum = new Checksum(stored, computed, stored == computed ? ChecksumState.Correct : ChecksumState.Incorrect);
        var ipv4 = new IPv4Header(headerLength, header[1], totalLength, identification, (flagsAndOffset & 0x4000) != 0, (flagsAndOffset & 0x2000) != 0,
            flagsAndOffset & 0x1FFF, header[8], protocol, checksum, source, destination);
        decoded.IPv4 = ipv4;
        decoded.Add(L, "version, header length", at, 1, $"4, {headerLength} bytes");
        decoded.Add(L, "type of service", at + 1, 1, $"0x{header[1]:x2}");
        decoded.Add(L, "total length", at + 2, 2, $"{totalLength}");
        decoded.Add(L, "identification", at + 4, 2, $"{identification} (0x{identification:x4})");
        decoded.Add(L, "flags, fragment offset", at + 6, 2, $"{(ipv4.DontFragment ? "DF" : ipv4.MoreFragments ? "MF" : "none")}, {ipv4.FragmentOffset}");
        decoded.Add(L, "time to live", at + 8, 1, $"{header[8]}");
        decoded.Add(L, "protocol", at + 9, 1, $"{protocol} ({ProtocolName(protocol)})");
        decoded.Add(L, "header checksum", at + 10, 2, checksum.ToString());
        decoded.Add(L, "source", at + 12, 4, source.ToString());
        decoded.Add(L, "destination", at + 16, 4, destination.ToString());
        if (headerLength > 20)
        {
            decoded.Add(L, "options", at + 20, headerLength - 20, $"{headerLength - 20} bytes");
        }
        if (totalLength < headerLength)
        {
            decoded.Problem = $"the IPv4 total length {totalLength} is less than its header's {headerLength} bytes.";
            return;
        }
        if (ipv4.FragmentOffset != 0 || ipv4.MoreFragments)
        {
            decoded.Problem = "a fragment: only the whole datagram, reassembled, has a TCP or UDP header to read.";
            return;
        }
        // The IP length says where the data ends (an Ethernet frame may be padded past it); where
        // the capture kept less than that, the checksum cannot be checked.
        var end = Math.Min(bytes.Length, at + totalLength);
        var pseudo = InternetChecksum.PseudoHeader(source, destination, protocol, totalLength - headerLength);
        Transport(decoded, bytes[..end], at + headerLength, protocol, pseudo, bytes.Length >= at + totalLength, totalLength - headerLength);
    }

    private static void IPv6(DecodedPacket decoded, ReadOnlySpan<byte> bytes, int at)
    {
        const string L = "IPv6";
        if (bytes.Length - at < 40)
        {
            decoded.Problem = $"the IPv6 header at byte {at} is cut short: {bytes.Length - at} of 40 bytes.";
            return;
        }
        var header = bytes[at..];
        if (header[0] >> 4 != 6)
        {
            decoded.Problem = $"byte {at} says version {header[0] >> 4}: not an IPv6 header.";
            return;
        }
        var first = BinaryPrimitives.ReadUInt32BigEndian(header);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        var next = header[6];
        var source = new IPAddress(header.Slice(8, 16));
        var destination = new IPAddress(header.Slice(24, 16));
        decoded.IPv6 = new IPv6Header((byte)(first >> 20), (int)(first & 0xFFFFF), payloadLength, next, header[7], source, destination);
        decoded.Add(L, "version, traffic class, flow label", at, 4, $"6, 0x{(byte)(first >> 20):x2}, 0x{first & 0xFFFFF:x5}");
        decoded.Add(L, "payload length", at + 4, 2, $"{payloadLength}");
        decoded.Add(L, "next header", at + 6, 1, $"{next} ({ProtocolName(next)})");
        decoded.Add(L, "hop limit", at + 7, 1, $"{header[7]}");
        decoded.Add(L, "source", at + 8, 16, source.ToString());
        decoded.Add(L, "destination", at + 24, 16, destination.ToString());
        var end = Math.Min(bytes.Length, at + 40 + payloadLength);
        var pseudo = InternetChecksum.PseudoHeader(source, destination, next, payloadLength);
        Transport(decoded, bytes[..end], at + 40, next, pseudo, bytes.Length >= at + 40 + payloadLength, payloadLength);
    }

    private static void Transport(DecodedPacket decoded, ReadOnlySpan<byte> bytes, int at, byte protocol, uint pseudo, bool complete, int declaredLength)
    {
        switch (protocol)
        {
            case 6:
                Tcp(decoded, bytes, at, pseudo, complete, declaredLength);
                break;
            case 17:
                Udp(decoded, bytes, at, pseudo, complete);
                break;
            default:
                decoded.Problem = $"the IP packet carries protocol {protocol} ({ProtocolName(protocol)}), which this course does not take apart.";
                break;
        }
    }

    private static void Tcp(DecodedPacket decoded, ReadOnlySpan<byte> bytes, int at, uint pseudo, bool complete, int declaredLength)
    {
        const string L = "TCP";
        if (bytes.Length - at < 20)
        {
            decoded.Problem = $"the TCP header at byte {at} is cut short: {Math.Max(0, bytes.Length - at)} of 20 bytes.";
            return;
        }
        var segment = bytes[at..];
        var headerLength = (segment[12] >> 4) * 4;
        if (headerLength < 20 || headerLength > segment.Length)
        {
            decoded.Problem = $"the TCP data offset at byte {at + 12} says {headerLength} header bytes; {(headerLength < 20 ? "the least is 20" : $"only {segment.Length} are there")}.";
            return;
        }
        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(segment[4..]);
        var acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(segment[8..]);
        var flags = (TcpFlags)segment[13];
        var window = BinaryPrimitives.ReadUInt16BigEndian(segment[14..]);
        var urgent = BinaryPrimitives.ReadUInt16BigEndian(segment[18..]);
        var checksum = InternetChecksum.Check(segment, 16, pseudo, udp: false, complete);
        var (options, problem) = Options(segment[20..headerLength]);
        var payloadLength = Math.Max(0, declaredLength - headerLength);
        decoded.Tcp = new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, headerLength, flags, window, checksum, urgent, options, payloadLength);
        decoded.Add(L, "source port", at, 2, $"{sourcePort}");
        decoded.Add(L, "destination port", at + 2, 2, $"{destinationPort}");
        decoded.Add(L, "sequence number", at + 4, 4, $"{sequence}");
        decoded.Add(L, "acknowledgment number", at + 8, 4, $"{acknowledgment}");
        decoded.Add(L, "data offset, flags", at + 12, 2, $"{headerLength} bytes, [{decoded.Tcp.FlagLetters}] {decoded.Tcp.FlagNames}");
        decoded.Add(L, "window", at + 14, 2, $"{window}");
        decoded.Add(L, "checksum", at + 16, 2, checksum.ToString());
        decoded.Add(L, "urgent pointer", at + 18, 2, $"{urgent}");
        if (headerLength > 20)
        {
            decoded.Add(L, "options", at + 20, headerLength - 20, string.Join(", ", options));
        }
        decoded.Problem = problem;
        Payload(decoded, bytes, at + headerLength, sourcePort, destinationPort);
    }

    // The options of a TCP header; a malformed one ends the list with a note, not an exception.
    private static (IReadOnlyList<TcpOption> Options, string? Problem) Options(ReadOnlySpan<byte> bytes)
    {
        var options = new List<TcpOption>();
        for (var i = 0; i < bytes.Length;)
        {
            var kind = bytes[i];
            if (kind is 0 or 1)
            {
                options.Add(new TcpOption(kind, ReadOnlyMemory<byte>.Empty));
                i++;
                if (kind == 0)
                {
                    break;
                }
                continue;
            }
            if (i + 1 >= bytes.Length || bytes[i + 1] < 2 || i + bytes[i + 1] > bytes.Length)
            {
                return (options, $"TCP option {kind} at option byte {i} has a length that does not fit the header.");
            }
            var length = bytes[i + 1];
            options.Add(new TcpOption(kind, bytes.Slice(i + 2, length - 2).ToArray()));
            i += length;
        }
        return (options, null);
    }

    private static void Udp(DecodedPacket decoded, ReadOnlySpan<byte> bytes, int at, uint pseudo, bool complete)
    {
        const string L = "UDP";
        if (bytes.Length - at < 8)
        {
            decoded.Problem = $"the UDP header at byte {at} is cut short: {Math.Max(0, bytes.Length - at)} of 8 bytes.";
            return;
        }
        var datagram = bytes[at..];
        var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        var checksum = length >= 8 && length <= datagram.Length
            ? InternetChecksum.Check(datagram[..length], 6, pseudo, udp: true, complete)
            : new Checksum(BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]), 0, ChecksumState.Unchecked);
        var udp = new UdpDatagram(BinaryPrimitives.ReadUInt16BigEndian(datagram), BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]), length, checksum);
        decoded.Udp = udp;
        decoded.Add(L, "source port", at, 2, $"{udp.SourcePort}");
        decoded.Add(L, "destination port", at + 2, 2, $"{udp.DestinationPort}");
        decoded.Add(L, "length", at + 4, 2, $"{length}");
        decoded.Add(L, "checksum", at + 6, 2, checksum.ToString());
        if (length < 8)
        {
            decoded.Problem = $"the UDP length at byte {at + 4} is {length}, less than its own 8-byte header.";
            return;
        }
        Payload(decoded, bytes[..Math.Min(bytes.Length, at + length)], at + 8, udp.SourcePort, udp.DestinationPort);
    }

    private static void Payload(DecodedPacket decoded, ReadOnlySpan<byte> bytes, int at, int sourcePort, int destinationPort)
    {
        decoded.PayloadOffset = at;
        decoded.Payload = bytes[at..].ToArray(); // the header checks leave at within the bytes
        PayloadProtocols.Describe(decoded, sourcePort, destinationPort);
    }

    private static string Mac(ReadOnlySpan<byte> bytes) => string.Join(":", bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static string EtherTypeName(ushort type) => type switch
    {
        EtherTypeIPv4 => "IPv4",
        EtherTypeIPv6 => "IPv6",
        0x0806 => "ARP",
        _ => "unknown",
    };

    /// <summary>The name of an IP protocol number, as /etc/protocols has it.</summary>
    internal static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "ICMP",
        6 => "TCP",
        17 => "UDP",
        58 => "ICMPv6",
        _ => "unknown",
    };
}
