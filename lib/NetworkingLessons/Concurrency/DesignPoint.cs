using System.Globalization;

namespace NetworkingLessons.Concurrency;

/// <summary>One measurement of lesson 12: a design under a number of clients, and what the process looked like meanwhile.</summary>
/// <param name="Design">The server's design.</param>
/// <param name="Clients">Connections, each sending a message, waiting for its echo, and sending the next.</param>
/// <param name="RoundTripsPerSecond">Echoes completed per second, all connections together.</param>
/// <param name="MeanMicroseconds">The mean round trip.</param>
/// <param name="P99Microseconds">The round trip that 99 in 100 were quicker than.</param>
/// <param name="Threads">The process's threads half way through the run (the load's and the server's).</param>
/// <param name="WorkingSetMegabytes">The process's memory in use half way through the run.</param>
/// <param name="Errors">Connections that failed during the run.</param>
public sealed record DesignPoint(EchoDesign Design, int Clients, double RoundTripsPerSecond, double MeanMicroseconds, double P99Microseconds,
    int Threads, double WorkingSetMegabytes, long Errors)
{
    /// <summary>"SelectLoop, 100 clients: 41,200 rt/s, p99 3,100 µs, 25 threads, 96 MB".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Design}, {Clients:N0} client{(Clients == 1 ? "" : "s")}: {RoundTripsPerSecond:N0} rt/s, p99 {P99Microseconds:N0} µs, {Threads} threads, {WorkingSetMegabytes:N0} MB{(Errors == 0 ? "" : $", {Errors} errors")}");
}
