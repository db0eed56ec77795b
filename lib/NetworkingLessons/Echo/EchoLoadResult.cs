using System.Globalization;

namespace NetworkingLessons.Echo;

/// <summary>What a load run measured: round trips, their rate and latencies, and anything that went wrong.</summary>
/// <param name="Connections">How many connections sent at once.</param>
/// <param name="MessageSize">Bytes per message.</param>
/// <param name="Elapsed">How long the run lasted.</param>
/// <param name="RoundTrips">Messages echoed back whole.</param>
/// <param name="Errors">Connections that broke.</param>
/// <param name="Mismatches">Echoes that differed from what was sent.</param>
/// <param name="LatenciesMicroseconds">Round-trip times in µs (all of them, or an even sample of 200,000).</param>
public sealed record EchoLoadResult(int Connections, int MessageSize, TimeSpan Elapsed, long RoundTrips, long Errors, long Mismatches, IReadOnlyList<double> LatenciesMicroseconds)
{
    /// <summary>Round trips per second over the run.</summary>
    public double RoundTripsPerSecond => RoundTrips / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Megabytes per second echoed (each byte counted once).</summary>
    public double MegabytesPerSecond => RoundTripsPerSecond * MessageSize / 1e6;

    /// <summary>The median round trip, in µs.</summary>
    public double P50Microseconds => Percentile(0.50);

    /// <summary>The 99th percentile round trip, in µs.</summary>
    public double P99Microseconds => Percentile(0.99);

    /// <summary>The <paramref name="fraction"/> percentile of the round trips (0.99 for p99), in µs; 0 when none were measured.</summary>
    public double Percentile(double fraction)
    {
        if (fraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A percentile is a fraction from 0 to 1.");
        }
        if (LatenciesMicroseconds.Count == 0)
        {
            return 0;
        }
        var sorted = LatenciesMicroseconds.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)]; // the nearest-rank percentile
    }

    /// <summary>In echo-load's words: "conns=100 size=64 secs=3.0 roundtrips=… rps=… p50_us=… p99_us=… errors=0 mismatches=0".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"conns={Connections} size={MessageSize} secs={Elapsed.TotalSeconds:0.0} roundtrips={RoundTrips} rps={RoundTripsPerSecond:0} MBps={MegabytesPerSecond:0.0} p50_us={P50Microseconds:0} p99_us={P99Microseconds:0} errors={Errors} mismatches={Mismatches}");
}
