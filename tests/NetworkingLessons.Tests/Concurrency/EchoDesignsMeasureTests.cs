using NetworkingLessons.Concurrency;

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
            Assert.True(p.Threads > 0 && p.WorkingSetMegabytes > 0, p.ToString());
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
    public async Task Measure_RefusesAClientCountOutOfRange(int clients)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EchoDesigns.MeasureAsync([EchoDesign.SelectLoop], [clients], TimeSpan.FromSeconds(1)));
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
