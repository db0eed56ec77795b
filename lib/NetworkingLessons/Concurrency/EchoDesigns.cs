using System.Diagnostics;
using NetworkingLessons.Display;
using NetworkingLessons.Echo;

namespace NetworkingLessons.Concurrency;

/// <summary>
/// Lesson 12's experiment: each <see cref="EchoDesign"/> started on loopback and loaded by
/// <see cref="EchoLoad"/> with more and more clients, measuring round trips, latency, threads and memory.
/// </summary>
public static class EchoDesigns
{
    /// <summary>Starts a server of <paramref name="design"/> on 127.0.0.1 and a free port.</summary>
    public static IEchoServer Start(EchoDesign design) => design switch
    {
        EchoDesign.ThreadPerClient => ThreadPerClientServer.Start(),
        EchoDesign.SelectLoop => SelectLoopServer.Start(),
        EchoDesign.AsyncAwait => EchoServer.Start(),
        _ => throw new ArgumentOutOfRangeException(nameof(design), design, "No such design."),
    };

    /// <summary>
    /// Measures every design in <paramref name="designs"/> at every count in <paramref name="clients"/>,
    /// for <paramref name="duration"/> each, with 64-byte messages; a fresh server for each design.
    /// Calls <paramref name="measured"/> with each point as soon as it is measured.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A client count is outside 1 to <see cref="EchoLoad.MaxConnections"/>, or the duration is outside what <see cref="EchoLoad"/> allows.</exception>
    public static async Task<IReadOnlyList<DesignPoint>> MeasureAsync(IReadOnlyList<EchoDesign> designs, IReadOnlyList<int> clients, TimeSpan duration,
        Action<DesignPoint>? measured = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(designs);
        ArgumentNullException.ThrowIfNull(clients);
        foreach (var count in clients)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(clients));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, EchoLoad.MaxConnections, nameof(clients));
        }
        var points = new List<DesignPoint>();
        foreach (var design in designs)
        {
            await using var server = Start(design);
            foreach (var count in clients)
            {
                var point = await MeasureAsync(server, design, count, duration, cancellationToken);
                points.Add(point);
                measured?.Invoke(point);
            }
        }
        return points;
    }

    private static async Task<DesignPoint> MeasureAsync(IEchoServer server, EchoDesign design, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var load = EchoLoad.RunAsync(server.EndPoint, clients, messageSize: 64, duration, cancellationToken: cancellationToken);
        // Half way through, every connection is open and busy: that is when the process is looked at.
        // On a loaded machine the last connections can still be on their way then; wait for them
        // (while the load runs), so that a thread per client shows every client's thread.
        await Task.WhenAny(load, Task.Delay(duration / 2, cancellationToken));
        while (server.Connections < clients && !load.IsCompleted)
        {
            await Task.WhenAny(load, Task.Delay(5, cancellationToken));
        }
        using var process = Process.GetCurrentProcess();
        var threads = process.Threads.Count;
        var megabytes = process.WorkingSet64 / 1e6;
        var result = await load;
        var mean = result.LatenciesMicroseconds.Count == 0 ? double.NaN : result.LatenciesMicroseconds.Average();
        return new DesignPoint(design, clients, result.RoundTripsPerSecond, mean, result.P99Microseconds, threads, megabytes, result.Errors);
    }

    /// <summary>Round trips per second against clients, a group of bars for each design.</summary>
    public static Chart ThroughputChart(IEnumerable<DesignPoint> points) =>
        Bars(points, p => p.RoundTripsPerSecond).WithTitle("Round trips per second").WithXAxis("clients").WithYAxis("round trips/s");

    /// <summary>The 99th-percentile round trip against clients, a group of bars for each design.</summary>
    public static Chart LatencyChart(IEnumerable<DesignPoint> points) =>
        Bars(points, p => p.P99Microseconds / 1000).WithTitle("99th-percentile round trip").WithXAxis("clients").WithYAxis("p99 (ms)");

    private static Chart Bars(IEnumerable<DesignPoint> points, Func<DesignPoint, double> value)
    {
        ArgumentNullException.ThrowIfNull(points);
        var all = points.ToList();
        var counts = all.Select(p => p.Clients).Distinct().Order().ToList();
        var designs = all.Select(p => p.Design).Distinct().ToList();
        if (designs.Count == 0)
        {
            return Chart.Bar(["waiting for the first measurement"], [0], "none");
        }
        double ValueAt(EchoDesign design, int count) => all.FirstOrDefault(p => p.Design == design && p.Clients == count) is { } p ? value(p) : 0;
        var chart = Chart.Bar(counts.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), counts.Select(c => ValueAt(designs[0], c)), designs[0].ToString());
        foreach (var design in designs.Skip(1))
        {
            chart.AddBars(counts.Select(c => ValueAt(design, c)), design.ToString());
        }
        return chart;
    }
}
