using System.Globalization;

namespace NetworkingLessons.Echo;

/// <summary>What a client did against <see cref="UdpTestbench.Ask"/>.</summary>
/// <param name="Outcome">"answered "re: time?"", "gave up with TimeoutException", or "still waiting after 10 s".</param>
/// <param name="Requests">How many requests the server received.</param>
/// <param name="PausesMilliseconds">The time between one request and the next, for each pair.</param>
public sealed record UdpAsking(string Outcome, int Requests, IReadOnlyList<double> PausesMilliseconds)
{
    /// <summary>True when there were pauses and each was at least 1.5 times the one before: a doubling backoff, give or take the scheduler.</summary>
    public bool WaitsGrow => PausesMilliseconds.Count >= 2 && PausesMilliseconds.Zip(PausesMilliseconds.Skip(1), (a, b) => b >= 1.5 * a).All(grows => grows);

    /// <summary>"3 requests, 201 and 399 ms apart: answered "re: time?"".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests} request{(Requests == 1 ? "" : "s")}{(PausesMilliseconds.Count == 0 ? "" : ", " + string.Join(" and ", PausesMilliseconds.Select(p => p.ToString("0", CultureInfo.InvariantCulture))) + " ms apart")}: {Outcome}");
}
