namespace NetworkingLessons.Wire;

/// <summary>When a capture stops by itself: after so many packets, so many bytes, or so long, whichever comes first.</summary>
/// <param name="MaxPackets">The most packets kept.</param>
/// <param name="MaxBytes">The most captured bytes kept.</param>
/// <param name="MaxDuration">The longest the capture runs.</param>
/// <param name="SnapLength">The most bytes kept of one packet (the rest is counted, not kept).</param>
public sealed record CaptureLimits(int MaxPackets = 200, long MaxBytes = 4 << 20, TimeSpan? MaxDuration = null, int SnapLength = 65_535)
{
    /// <summary>How long a capture runs unless told: long enough for a lesson's few cells, short enough never to be forgotten.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);

    /// <summary>The duration limit, with its default.</summary>
    public TimeSpan Duration => MaxDuration ?? DefaultDuration;

    /// <summary>Checks every limit is positive and within what a capture may hold.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero, negative or too large.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPackets);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPackets, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBytes, 1L << 30);
        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDuration), Duration, "A capture runs for more than nothing and at most an hour.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(SnapLength, 68);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SnapLength, PcapFile.MaxPacketLength);
    }
}
