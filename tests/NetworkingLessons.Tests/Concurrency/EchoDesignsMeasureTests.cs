using NetworkingLessons.Concurrency;
using NetworkingLessons.Display;

namespace NetworkingLessons.Tests.Concurrency;

/// <summary>The lesson's experiment measures each design for real and charts what it measured.</summary>
public sealed class EchoDesignsMeasureTests
{
    [Fact]
    public async Task Measure_GivesAPointForEachDesignAndCount_AsEachIsMeasured()
    {
        var seen = new List<DesignPoint>();

        var points = await EchoDesigns.MeasureAsync(Enum.GetValues<EchoDesign>(), [1, 20], TimeSpan.FromSeconds(0.4), seen.Add);

        Assert.Equal(6, points.Count);
        Assert.Equal(points, seen);
        Assert.All(points, p =>
        {
            Assert.True(p.RoundTripsPerSecond > 0, p.ToString());
            // Both measured; no order between them is asserted, since one stall in 0.4 s (a GC, a
            // thread starting) lifts the mean above the 99th percentile of a hundred round trips.
            Assert.True(p.P99Microseconds > 0 && double.IsFinite(p.MeanMicroseconds) && p.MeanMicroseconds > 0, p.ToString());
            Assert.True(p.Threads > 0, p.ToString());
            Assert.InRange(p.WorkingSetMegabytes, 10, 20_000); // a .NET test process, in megabytes
            Assert.Equal(0, p.Errors);
        });
        // A thread per client: twenty clients, nineteen more threads than one client had. The count is
        // the whole test process's, whose other tests start and retire pool threads meanwhile, so the
        // margin allows some of them to come and go.
        var threads = points.Where(p => p.Design == EchoDesign.ThreadPerClient).ToDictionary(p => p.Clients, p => p.Threads);
        Assert.True(threads[20] >= threads[1] + 14, $"{threads[1]} threads with 1 client, {threads[20]} with 20");
    }

    [Fact]
    public async Task Measure_FollowsLittlesLaw_ClientsOverMeanRoundTrip()
    {
        var point = Assert.Single(await EchoDesigns.MeasureAsync([EchoDesign.AsyncAwait], [10], TimeSpan.FromSeconds(0.5)));

        // A closed loop: each client has one message in flight, so rate = clients / mean round trip.
        Assert.Equal(1, point.RoundTripsPerSecond / (10 / (point.MeanMicroseconds / 1e6)), 0.25);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Measure_RefusesAClientCountOutOfRange_BeforeMeasuringAnything(int clients)
    {
        var measured = 0;

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EchoDesigns.MeasureAsync([EchoDesign.SelectLoop], [1, clients], TimeSpan.FromSeconds(1), _ => measured++));

        Assert.Equal("clients", ex.ParamName);
        Assert.Equal(0, measured);
    }

    [Fact]
    public async Task Measure_RefusesNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => EchoDesigns.MeasureAsync(null!, [1], TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => EchoDesigns.MeasureAsync([EchoDesign.SelectLoop], null!, TimeSpan.FromSeconds(1)));
        Assert.Equal("points", Assert.Throws<ArgumentNullException>(() => EchoDesigns.ThroughputChart(null!)).ParamName);
    }

    // Each bar series of a chart: its name, categories and values, as the Plotly figure holds them.
    private static List<(string Name, string[] Categories, double[] Values)> Bars(Chart chart) =>
        [.. chart.Figure()["data"]!.AsArray().Select(t => (
            (string)t!["name"]!,
            t["x"]!.AsArray().Select(c => (string)c!).ToArray(),
            t["y"]!.AsArray().Select(v => (double)v!).ToArray()))];

    [Fact]
    public void Charts_PutEachDesignsValueUnderItsClientCount_InRisingOrder_ZeroWhereNotMeasured()
    {
        DesignPoint[] points =
        [
            new(EchoDesign.SelectLoop, 100, 3_000, 10, 7_000, 5, 50, 0),
            new(EchoDesign.SelectLoop, 1, 1_000, 10, 2_000, 5, 50, 0),
            new(EchoDesign.ThreadPerClient, 1, 1_500, 11, 4_000, 15, 51, 0),
        ];

        var throughput = Bars(EchoDesigns.ThroughputChart(points));
        var latency = Bars(EchoDesigns.LatencyChart(points));

        Assert.Equal([("SelectLoop", ["1", "100"], [1_000, 3_000]), ("ThreadPerClient", ["1", "100"], [1_500, 0])],
            throughput.Select(b => (b.Name, b.Categories, b.Values)).ToList(), new BarsComparer());
        Assert.Equal([2, 7], latency[0].Values); // microseconds shown as milliseconds
        Assert.Equal([4, 0], latency[1].Values);
        Assert.Equal(["1,000"], Bars(EchoDesigns.ThroughputChart([points[0] with { Clients = 1_000 }]))[0].Categories);
    }

    private sealed class BarsComparer : IEqualityComparer<(string Name, string[] Categories, double[] Values)>
    {
        public bool Equals((string Name, string[] Categories, double[] Values) a, (string Name, string[] Categories, double[] Values) b) =>
            a.Name == b.Name && a.Categories.SequenceEqual(b.Categories) && a.Values.SequenceEqual(b.Values);

        public int GetHashCode((string Name, string[] Categories, double[] Values) bar) => bar.Name.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_SayWhatTheyShow_AndWhatTheyWaitFor()
    {
        var throughput = EchoDesigns.ThroughputChart([new(EchoDesign.SelectLoop, 1, 1, 1, 1, 1, 1, 0)]);
        var latency = EchoDesigns.LatencyChart([new(EchoDesign.SelectLoop, 1, 1, 1, 1, 1, 1, 0)]);

        Assert.Equal(("Round trips per second", "clients", "round trips/s"), (throughput.Title, throughput.XLabel, throughput.YLabel));
        Assert.Equal(("99th-percentile round trip", "clients", "p99 (ms)"), (latency.Title, latency.XLabel, latency.YLabel));
        Assert.Equal([("none", ["waiting for the first measurement"], [0])], Bars(EchoDesigns.ThroughputChart([])).ToList(), new BarsComparer());
    }

    [Fact]
    public void Charts_HaveABarGroupForEachDesign()
    {
        DesignPoint[] points =
        [
            new(EchoDesign.ThreadPerClient, 1, 100, 10, 20, 5, 50, 0),
            new(EchoDesign.ThreadPerClient, 10, 900, 11, 30, 15, 51, 0),
            new(EchoDesign.SelectLoop, 1, 120, 9, 18, 4, 49, 0),
        ];

        var throughput = EchoDesigns.ThroughputChart(points);
        var latency = EchoDesigns.LatencyChart(points);

        Assert.Equal(["ThreadPerClient", "SelectLoop"], throughput.SeriesNames);
        Assert.Equal("Round trips per second", throughput.Title);
        Assert.Equal("p99 (ms)", latency.YLabel);
        Assert.Equal(["none"], EchoDesigns.ThroughputChart([]).SeriesNames);
    }

    [Fact]
    public void Point_ToString_ReadsLikeTheLesson()
    {
        Assert.Equal("SelectLoop, 100 clients: 41,200 rt/s, p99 3,100 µs, 25 threads, 96 MB",
            new DesignPoint(EchoDesign.SelectLoop, 100, 41_200, 1000, 3_100, 25, 96.2, 0).ToString());
        Assert.Equal("AsyncAwait, 1 client: 5 rt/s, p99 1 µs, 2 threads, 1 MB, 3 errors",
            new DesignPoint(EchoDesign.AsyncAwait, 1, 5, 1, 1, 2, 1, 3).ToString());
    }
}
