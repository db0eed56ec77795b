namespace NetworkingLessons.Time;

/// <summary>How the course's SNTP server presents itself and how much it serves one client.</summary>
public sealed record SntpServerOptions
{
    /// <summary>The precision the server claims: 2⁻²⁰ s, about a microsecond, the resolution of the clock it reads.</summary>
    public const sbyte Precision = -20;

    /// <summary>How far the server's clock is from this machine's; a lesson sets it to show an offset being measured.</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>The stratum it claims: 1, a server with its own reference clock.</summary>
    public byte Stratum { get; init; } = 1;

    /// <summary>Its reference identifier: LOCL, the local clock.</summary>
    public string ReferenceId { get; init; } = "LOCL";

    /// <summary>The leap indicator it sends; <see cref="LeapIndicator.Unsynchronized"/> plays a server that lost its clock.</summary>
    public LeapIndicator Leap { get; init; }

    /// <summary>How many requests a client address may send at once before the rate limit applies.</summary>
    public int Burst { get; init; } = 10;

    /// <summary>How many requests per second a client address may send once its burst is spent.</summary>
    public double RequestsPerSecond { get; init; } = 2;

    internal void Validate()
    {
        if (Stratum is 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(Stratum), Stratum, "A server's stratum is 1 to 16 (0 is a Kiss-o'-Death, which the server sends on its own).");
        }
        NtpPacket.AsciiReferenceId(ReferenceId);
        if (Burst < 1 || RequestsPerSecond <= 0 || double.IsNaN(RequestsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(Burst), $"The rate limit needs a burst of at least 1 and a positive rate; got {Burst} and {RequestsPerSecond}.");
        }
        if (ClockOffset.Duration() > TimeSpan.FromDays(365))
        {
            throw new ArgumentOutOfRangeException(nameof(ClockOffset), ClockOffset, "The server's clock may be off by a year at most.");
        }
    }
}
