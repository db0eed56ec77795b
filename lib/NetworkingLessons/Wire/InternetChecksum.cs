using System.Buffers.Binary;
using System.Net;

namespace NetworkingLessons.Wire;

/// <summary>The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words.</summary>
internal static class InternetChecksum
{
    /// <summary>The ones' complement sum of <paramref name="bytes"/> (an odd last byte padded with zero), added to <paramref name="sum"/>.</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }
        if (i < bytes.Length)
        {
            sum += (uint)(bytes[i] << 8);
        }
        return sum;
    }

    /// <summary>Folds carries back into 16 bits.</summary>
    public static ushort Fold(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)sum;
    }

    /// <summary>The sum of the pseudo-header TCP and UDP checksums cover (RFC 9293 §3.1, RFC 8200 §8.1).</summary>
    public static uint PseudoHeader(IPAddress source, IPAddress destination, byte protocol, int length)
    {
        // IPv4's pseudo-header has a 16-bit length, IPv6's a 32-bit one: as 16-bit words both sum the same.
        var sum = Add(Add(0, source.GetAddressBytes()), destination.GetAddressBytes());
        return sum + protocol + (uint)(length >> 16) + (uint)(length & 0xFFFF);
    }

    /// <summary>Checks a TCP or UDP checksum stored at <paramref name="checksumOffset"/> of <paramref name="segment"/>.</summary>
    public static Checksum Check(ReadOnlySpan<byte> segment, int checksumOffset, uint pseudoHeader, bool udp, bool complete)
    {
        var stored = BinaryPrimitives.ReadUInt16BigEndian(segment[checksumOffset..]);
        if (udp && stored == 0)
        {
            return new Checksum(0, 0, ChecksumState.NotUsed);
        }
        var withoutField = Add(Add(pseudoHeader, segment[..checksumOffset]), segment[(checksumOffset + 2)..]);
        var computed = (ushort)~Fold(withoutField);
        if (udp && computed == 0)
        {
            computed = 0xFFFF; // UDP sends an all-zero result as all ones
        }
        if (!complete)
        {
            return new Checksum(stored, computed, ChecksumState.Unchecked);
        }
        var state = stored == computed ? ChecksumState.Correct
            : stored == Fold(pseudoHeader) ? ChecksumState.Offloaded
            : ChecksumState.Incorrect;
        return new Checksum(stored, computed, state);
    }
}
