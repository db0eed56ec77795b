using System.Globalization;

namespace NetworkingLessons.Echo;

/// <summary>A load run so far: how long it has run, round trips so far, the rate over the last second (or the whole run, when done), errors.</summary>
public sealed record EchoLoadProgress(TimeSpan Elapsed, long RoundTrips, double RoundTripsPerSecond, long Errors, bool Done)
{
    /// <summary>"3 s: 195,000 round trips, 65,100 per second, 0 errors" — what the live display shows.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Done ? "done after " : "")}{Elapsed.TotalSeconds:0} s: {RoundTrips:N0} round trips, {RoundTripsPerSecond:N0} per second{(Done ? " on average" : "")}, {Errors} errors");
}
