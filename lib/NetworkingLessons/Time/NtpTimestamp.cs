using System.Buffers.Binary;
using System.Globalization;

namespace NetworkingLessons.Time;

/// <summary>
/// An NTP timestamp (RFC 5905 §6): seconds since 1900 in the high 32 bits, the fraction of a
/// second in the low 32 (32.32 fixed point, a unit of about 233 picoseconds). The seconds wrap in
/// February 2036; RFC 4330 §3 reads a value whose top bit is clear as the era after that.
/// </summary>
/// <param name="Seconds">Whole seconds since the era began.</param>
/// <param name="Fraction">The fraction of a second, in units of 2⁻³² s.</param>
public readonly record struct NtpTimestamp(uint Seconds, uint Fraction)
{
    /// <summary>The seconds from 1900-01-01 to 1970-01-01, the Unix epoch: the tutorials' <c>TIME1970</c>.</summary>
    public const long Time1970 = 2_208_988_800;

    /// <summary>The size of a timestamp on the wire.</summary>
    public const int Size = 8;

    /// <summary>Where era 0 begins: 1900-01-01 00:00:00 UTC.</summary>
    public static readonly DateTime Era0 = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Where era 1 begins, when the seconds wrap: 2036-02-07 06:28:16 UTC.</summary>
    public static readonly DateTime Era1 = Era0.AddSeconds(4_294_967_296d);

    /// <summary>The earliest time a timestamp can stand for under RFC 4330's rule: 1968-01-20 03:14:08 UTC.</summary>
    public static readonly DateTime Earliest = Era0.AddSeconds(2_147_483_648d);

    /// <summary>The latest: 2104-02-26 09:42:23 UTC (and a fraction).</summary>
    public static readonly DateTime Latest = Era1.AddSeconds(2_147_483_648d).AddTicks(-1);

    /// <summary>All zero bits: "not set", as in the origin timestamp of a client's first request.</summary>
    public static NtpTimestamp Zero => default;

    /// <summary>True for the zero timestamp.</summary>
    public bool IsZero => Seconds == 0 && Fraction == 0;

    /// <summary>The 64 bits as one number, seconds first.</summary>
    public ulong Raw => ((ulong)Seconds << 32) | Fraction;

    /// <summary>The timestamp whose 64 bits are <paramref name="raw"/>.</summary>
    public static NtpTimestamp FromRaw(ulong raw) => new((uint)(raw >> 32), (uint)raw);

    /// <summary>The timestamp for <paramref name="time"/>, rounded to the nearest fraction.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is not UTC-convertible into 1968–2104, the span one timestamp covers.</exception>
    public static NtpTimestamp FromDateTime(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        if (utc < Earliest || utc > Latest)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time,
                $"An NTP timestamp stands for a time from {Earliest:yyyy-MM-dd HH:mm:ss} to {Latest:yyyy-MM-dd HH:mm:ss} UTC (RFC 4330 §3).");
        }
        var since = (utc >= Era1 ? utc - Era1 : utc - Era0).Ticks;
        var seconds = since / TimeSpan.TicksPerSecond;
        // 100 ns ticks to units of 2⁻³² s, rounded; at most 9,999,999 ticks, so never a whole second.
        var fraction = (((ulong)(since % TimeSpan.TicksPerSecond) << 32) + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond;
        return new NtpTimestamp((uint)seconds, (uint)fraction);
    }

    /// <summary>The timestamp for now, by this machine's clock.</summary>
    public static NtpTimestamp Now => FromDateTime(DateTime.UtcNow);

    /// <summary>The time this timestamp stands for, to the nearest 100 ns: from 1900 when the top bit of the seconds is set, from 2036 when it is clear (RFC 4330 §3).</summary>
    public DateTime ToDateTime()
    {
        var era = (Seconds & 0x8000_0000) != 0 ? Era0 : Era1;
        var ticks = (long)Math.Round(Fraction * (double)TimeSpan.TicksPerSecond / 4_294_967_296d);
        return era.AddTicks(Seconds * TimeSpan.TicksPerSecond + ticks);
    }

    /// <summary>The Unix time (seconds since 1970) of the seconds field in era 0: <c>Seconds - TIME1970</c>, as the tutorials compute it.</summary>
    public long UnixSeconds => Seconds - Time1970;

    /// <summary><paramref name="a"/> minus <paramref name="b"/>, in seconds, across an era boundary too (RFC 5905's 64-bit difference).</summary>
    public static double Difference(NtpTimestamp a, NtpTimestamp b) => (long)(a.Raw - b.Raw) / 4_294_967_296d;

    /// <summary>Reads a timestamp from the first 8 bytes of <paramref name="bytes"/>, in network byte order.</summary>
    /// <exception cref="ArgumentException">Fewer than 8 bytes.</exception>
    public static NtpTimestamp Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            throw new ArgumentException($"An NTP timestamp is {Size} bytes; got {bytes.Length}.", nameof(bytes));
        }
        return FromRaw(BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>Writes the timestamp into the first 8 bytes of <paramref name="bytes"/>, in network byte order.</summary>
    /// <exception cref="ArgumentException">Fewer than 8 bytes.</exception>
    public void Write(Span<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            throw new ArgumentException($"An NTP timestamp is {Size} bytes; there is room for {bytes.Length}.", nameof(bytes));
        }
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Raw);
    }

    /// <summary>The time in UTC to the microsecond, or "0 (not set)".</summary>
    public override string ToString() =>
        IsZero ? "0 (not set)" : ToDateTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff 'UTC'", CultureInfo.InvariantCulture);
}
