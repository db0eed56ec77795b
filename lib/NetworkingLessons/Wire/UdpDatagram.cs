namespace NetworkingLessons.Wire;

/// <summary>A UDP header (RFC 768): four 16-bit fields.</summary>
/// <param name="SourcePort">The sender's port.</param>
/// <param name="DestinationPort">The receiver's port.</param>
/// <param name="Length">Header and data, in bytes.</param>
/// <param name="Checksum">The checksum over pseudo-header, header and data, checked.</param>
public sealed record UdpDatagram(ushort SourcePort, ushort DestinationPort, ushort Length, Checksum Checksum)
{
    /// <summary>How many data bytes follow the 8-byte header.</summary>
    public int PayloadLength => Math.Max(0, Length - 8);
}
