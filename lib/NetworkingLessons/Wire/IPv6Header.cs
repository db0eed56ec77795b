using System.Net;

namespace NetworkingLessons.Wire;

/// <summary>An IPv6 header (RFC 8200): 40 bytes, no checksum (TCP and UDP carry their own).</summary>
/// <param name="TrafficClass">The DSCP and ECN bits.</param>
/// <param name="FlowLabel">Marks packets of one flow.</param>
/// <param name="PayloadLength">Everything after these 40 bytes.</param>
/// <param name="NextHeader">What follows: 6 TCP, 17 UDP, 58 ICMPv6.</param>
/// <param name="HopLimit">Hops left.</param>
/// <param name="Source">Who sent it.</param>
/// <param name="Destination">Who it is for.</param>
public sealed record IPv6Header(byte TrafficClass, int FlowLabel, ushort PayloadLength, byte NextHeader, byte HopLimit, IPAddress Source, IPAddress Destination);
