using System.Net;

namespace NetworkingLessons.Wire;

/// <summary>An IPv4 header (RFC 791), every field big-endian on the wire.</summary>
/// <param name="HeaderLength">IHL × 4: 20 bytes without options.</param>
/// <param name="TypeOfService">The DSCP and ECN bits.</param>
/// <param name="TotalLength">Header and data, in bytes.</param>
/// <param name="Identification">Tells fragments of one datagram apart.</param>
/// <param name="DontFragment">The DF bit.</param>
/// <param name="MoreFragments">The MF bit.</param>
/// <param name="FragmentOffset">Where a fragment's data goes, in 8-byte units.</param>
/// <param name="TimeToLive">Hops left.</param>
/// <param name="Protocol">What the data is: 6 TCP, 17 UDP, 1 ICMP.</param>
/// <param name="HeaderChecksum">The header's own checksum, checked.</param>
/// <param name="Source">Who sent it.</param>
/// <param name="Destination">Who it is for.</param>
public sealed record IPv4Header(int HeaderLength, byte TypeOfService, ushort TotalLength, ushort Identification, bool DontFragment,
    bool MoreFragments, int FragmentOffset, byte TimeToLive, byte Protocol, Checksum HeaderChecksum, IPAddress Source, IPAddress Destination);
