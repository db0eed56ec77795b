using System.Globalization;
using System.Net;

namespace NetworkingLessons.Time;

/// <summary>
/// A server's answer to one SNTP query, with the four timestamps of RFC 4330 §5: T1 when the
/// request left, T2 when the server received it, T3 when the reply left, T4 when it arrived.
/// </summary>
/// <param name="Server">The server that answered.</param>
/// <param name="Request">The request as sent.</param>
/// <param name="Reply">The reply as received.</param>
/// <param name="Arrival">T4, by this machine's clock.</param>
public sealed record SntpReply(IPEndPoint Server, NtpPacket Request, NtpPacket Reply, NtpTimestamp Arrival)
{
    /// <summary>T1: the request's transmit timestamp, which the reply carries back as its origin.</summary>
    public NtpTimestamp T1 => Request.Transmit;

    /// <summary>T2: the reply's receive timestamp.</summary>
    public NtpTimestamp T2 => Reply.Receive;

    /// <summary>T3: the reply's transmit timestamp.</summary>
    public NtpTimestamp T3 => Reply.Transmit;

    /// <summary>T4: when the reply arrived.</summary>
    public NtpTimestamp T4 => Arrival;

    /// <summary>θ = ((T2 − T1) + (T3 − T4)) / 2: how far this machine's clock is behind the server's (positive: behind).</summary>
    public TimeSpan Offset => TimeSpan.FromSeconds((NtpTimestamp.Difference(T2, T1) + NtpTimestamp.Difference(T3, T4)) / 2);

    /// <summary>δ = (T4 − T1) − (T3 − T2): the time the packets spent travelling, the server's own time taken out.</summary>
    public TimeSpan Delay => TimeSpan.FromSeconds(NtpTimestamp.Difference(T4, T1) - NtpTimestamp.Difference(T3, T2));

    /// <summary>The server's time when the reply arrived, corrected by the offset: what this machine's clock should say.</summary>
    public DateTime ServerTime => T4.ToDateTime() + Offset;

    /// <summary>The offset in milliseconds.</summary>
    public double OffsetMilliseconds => Offset.TotalMilliseconds;

    /// <summary>The delay in milliseconds.</summary>
    public double DelayMilliseconds => Delay.TotalMilliseconds;

    /// <summary>One line: offset, delay, server, stratum and reference.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"offset {OffsetMilliseconds:+0.000;-0.000} ms, delay {DelayMilliseconds:0.000} ms from {Server} (stratum {Reply.Stratum}, {Reply.ReferenceIdText})");
}
