namespace NetworkingLessons.Serialization;

/// <summary>The timestamp extension's value, whole: seconds since 1970-01-01T00:00:00Z and nanoseconds within the second (finer than DateTimeOffset's 100 ns ticks).</summary>
/// <param name="Seconds">Seconds since the Unix epoch; negative before it.</param>
/// <param name="Nanoseconds">0 to 999,999,999.</param>
public sealed record MessagePackTimestamp(long Seconds, uint Nanoseconds)
{
    /// <summary>The point in time, to the tick (100 ns).</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is outside the years 1 to 9999.</exception>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.UnixEpoch.AddSeconds(Seconds).AddTicks(Nanoseconds / 100);

    /// <summary>"2018-01-02T03:04:05.678901234Z" where the date fits, else the seconds and nanoseconds.</summary>
    public override string ToString() => Seconds is >= -62_135_596_800 and <= 253_402_300_799
        ? $"{DateTimeOffset.UnixEpoch.AddSeconds(Seconds):yyyy-MM-ddTHH:mm:ss}.{Nanoseconds:D9}Z"
        : $"{Seconds} s + {Nanoseconds} ns";
}
