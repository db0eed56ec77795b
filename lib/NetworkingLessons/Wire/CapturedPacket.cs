namespace NetworkingLessons.Wire;

/// <summary>One packet as a capture holds it: when it was seen, its bytes from the link layer up, and how long it was on the wire.</summary>
/// <param name="Timestamp">When the capture saw it.</param>
/// <param name="Data">The bytes captured (the start of the packet, when a snap length cut it).</param>
/// <param name="OriginalLength">How long the packet really was.</param>
/// <param name="LinkType">How the bytes start: <see cref="LinkType.Ethernet"/> on Linux loopback.</param>
public sealed record CapturedPacket(DateTimeOffset Timestamp, ReadOnlyMemory<byte> Data, int OriginalLength, LinkType LinkType)
{
    /// <summary>Two packets are equal when they were seen at the same time and hold the same bytes.</summary>
    public bool Equals(CapturedPacket? other) =>
        other is not null && Timestamp == other.Timestamp && OriginalLength == other.OriginalLength && LinkType == other.LinkType
        && Data.Span.SequenceEqual(other.Data.Span);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Timestamp, OriginalLength, Data.Length);
}
