using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Echo;

namespace NetworkingLessons.Tests.Echo;

public sealed class EchoLoadTests
{
    [Fact]
    public async Task Run_AgainstTheEchoServer_CountsRoundTripsWithNoErrors()
    {
        await using var server = EchoServer.Start();
        var reports = new System.Collections.Concurrent.ConcurrentQueue<EchoLoadProgress>();

        var result = await EchoLoad.RunAsync(server.EndPoint, 4, 64, TimeSpan.FromSeconds(1.5), reports.Enqueue);

        Assert.True(result.RoundTrips > 0);
        Assert.Equal((0, 0), (result.Errors, result.Mismatches));
        Assert.Equal(result.RoundTrips, result.LatenciesMicroseconds.Count);
        Assert.True(result.P50Microseconds > 0 && result.P99Microseconds >= result.P50Microseconds);
        Assert.InRange(server.BytesEchoed, result.RoundTrips * 64, (result.RoundTrips + 4) * 64); // at most one message in flight per connection when it stopped
        Assert.True(reports.Last().Done);
        Assert.Contains(reports, r => !r.Done); // the per-second report came at least once
        // The run's own elapsed time, as measured: on a loaded machine stopping can take long enough to
        // show as 1.6, so the text is checked against the value, and the value against the duration.
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(1.4), EchoLoad.MaxDuration); // 1.5 s, less a timer tick or two
        Assert.StartsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"conns=4 size=64 secs={result.Elapsed.TotalSeconds:0.0} roundtrips={result.RoundTrips} "), result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AServerThatDoesNotEcho_IsMismatches()
    {
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var serving = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync();
            var buffer = new byte[64];
            while (await connection.ReceiveAsync(buffer) is var n and > 0)
            {
                buffer.AsSpan(0, n).Reverse();
                await connection.SendAsync(buffer.AsMemory(0, n));
            }
        });

        var result = await EchoLoad.RunAsync((IPEndPoint)listener.LocalEndPoint!, 1, 8, TimeSpan.FromMilliseconds(300));

        Assert.True(result.Mismatches > 0);
        Assert.Equal(result.RoundTrips, result.Mismatches);
    }

    [Theory]
    [InlineData(0, 64, 1000)]
    [InlineData(1001, 64, 1000)]
    [InlineData(1, 0, 1000)]
    [InlineData(1, 1_048_577, 1000)]
    [InlineData(1, 64, 0)]
    [InlineData(1, 64, 31_000)]
    public async Task Run_OutOfBounds_Throws(int connections, int size, int milliseconds)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EchoLoad.RunAsync(new IPEndPoint(IPAddress.Loopback, 9), connections, size, TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Percentiles_AreNearestRank()
    {
        var result = new EchoLoadResult(1, 1, TimeSpan.FromSeconds(1), 4, 0, 0, [40, 10, 30, 20]);

        Assert.Equal((20, 40, 10, 40), (result.P50Microseconds, result.P99Microseconds, result.Percentile(0), result.Percentile(1)));
        Assert.Equal(0, new EchoLoadResult(1, 1, TimeSpan.FromSeconds(1), 0, 0, 0, []).P99Microseconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Percentile(1.5));
        Assert.Equal(4, result.RoundTripsPerSecond);
    }

    [Fact]
    public async Task Run_NullServer_OrADurationOverTheMost_IsRefusedByName()
    {
        Assert.Equal("server", (await Assert.ThrowsAsync<ArgumentNullException>(() => EchoLoad.RunAsync(null!, 1, 1, TimeSpan.FromSeconds(1)))).ParamName);
        var over = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EchoLoad.RunAsync(new IPEndPoint(IPAddress.Loopback, 9), 1, 1, EchoLoad.MaxDuration + TimeSpan.FromTicks(1)));
        Assert.Equal("duration", over.ParamName);
        Assert.StartsWith("A load run lasts more than 0 and at most 30 s.", over.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OfExactlyTheLongestDuration_IsAllowed()
    {
        await using var server = EchoServer.Start();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Past the argument checks, a cancelled run stops at its first step.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EchoLoad.RunAsync(server.EndPoint, 1, 1, EchoLoad.MaxDuration, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Run_AServerThatHangsUp_CountsAnErrorForEachConnection()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var serving = Task.Run(() =>
        {
            for (var i = 0; i < 2; i++)
            {
                var client = listener.Accept();
                if (i == 0)
                {
                    client.Receive(new byte[8]);
                    client.Shutdown(SocketShutdown.Both); // an orderly close: the load reads the end
                }
                else
                {
                    client.LingerState = new LingerOption(true, 0); // a reset: the load's receive fails
                }
                client.Close();
            }
        });

        var result = await EchoLoad.RunAsync((IPEndPoint)listener.LocalEndPoint!, 2, 8, TimeSpan.FromSeconds(5));

        await serving;
        Assert.Equal(2, result.Errors);
        Assert.Equal(0, result.RoundTrips);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), "a run whose every connection broke ends early");
    }

    [Fact]
    public async Task Run_WithProgress_ReportsEachSecondsRate_ThenTheWholeRunsAverage()
    {
        await using var server = EchoServer.Start();
        var reports = new List<EchoLoadProgress>();

        var result = await EchoLoad.RunAsync(server.EndPoint, 2, 16, TimeSpan.FromSeconds(2.5), p => reports.Add(p));

        var running = reports.Where(r => !r.Done).ToList();
        var done = Assert.Single(reports, r => r.Done);
        Assert.InRange(running.Count, 2, 3);
        // Each running report's rate is the round trips since the last report over the time since it.
        for (var i = 1; i < running.Count; i++)
        {
            var expected = (running[i].RoundTrips - running[i - 1].RoundTrips) / (running[i].Elapsed - running[i - 1].Elapsed).TotalSeconds;
            Assert.InRange(running[i].RoundTripsPerSecond, expected * 0.8, expected * 1.25);
        }
        Assert.Equal(result.RoundTrips, done.RoundTrips);
        Assert.Equal(result.RoundTripsPerSecond, done.RoundTripsPerSecond, 6);
        Assert.Same(done, reports[^1]);
    }

    [Fact]
    public async Task Run_WithoutProgress_RunsPastASecondQuietly()
    {
        await using var server = EchoServer.Start();

        var result = await EchoLoad.RunAsync(server.EndPoint, 1, 8, TimeSpan.FromSeconds(1.3));

        Assert.True(result.RoundTrips > 0);
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public void Counts_KeepEveryLatency_UpToTheMost_ThenAnEvenSample()
    {
        var counts = new EchoLoad.Counts();
        for (var i = 0; i < EchoLoad.MaxLatencySamples; i++)
        {
            counts.RoundTrip(1, mismatch: false);
        }
        Assert.Equal(EchoLoad.MaxLatencySamples, counts.Latencies().Length);

        for (var i = 0; i < EchoLoad.MaxLatencySamples; i++)
        {
            counts.RoundTrip(2, mismatch: i % 2 == 0);
        }

        var sample = counts.Latencies();
        Assert.Equal(EchoLoad.MaxLatencySamples, sample.Length);
        Assert.InRange(sample.Count(l => l == 2) / (double)sample.Length, 0.45, 0.55); // the later half of the run, in its share
        Assert.Equal(2L * EchoLoad.MaxLatencySamples, counts.RoundTrips);
        Assert.Equal(EchoLoad.MaxLatencySamples / 2, counts.Mismatches);
    }

    [Fact]
    public void Counts_Progress_IsTheRateOverItsWindow_OrOverTheRunWhenDone()
    {
        var counts = new EchoLoad.Counts();
        for (var i = 0; i < 100; i++)
        {
            counts.RoundTrip(1, mismatch: false);
        }
        counts.Error();

        var running = counts.Progress(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.5), done: false, before: 60);
        var done = counts.Progress(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.5), done: true);

        Assert.Equal(new EchoLoadProgress(TimeSpan.FromSeconds(2), 100, 80, 1, false), running);
        Assert.Equal(new EchoLoadProgress(TimeSpan.FromSeconds(2), 100, 50, 1, true), done);
    }

    [Fact]
    public void Progress_ReadsAsTheLiveDisplayShowsIt()
    {
        Assert.Equal("3 s: 195,000 round trips, 65,100 per second, 0 errors", new EchoLoadProgress(TimeSpan.FromSeconds(3), 195_000, 65_100, 0, false).ToString());
        Assert.Equal("done after 3 s: 195,000 round trips, 65,000 per second on average, 2 errors", new EchoLoadProgress(TimeSpan.FromSeconds(3), 195_000, 65_000, 2, true).ToString());
    }

    [Fact]
    public void Result_RatesComeFromItsCountsAndTime()
    {
        var result = new EchoLoadResult(10, 64, TimeSpan.FromSeconds(4), 1_000, 0, 0, [1.0]);

        Assert.Equal(250, result.RoundTripsPerSecond);
        Assert.Equal(250 * 64 / 1e6, result.MegabytesPerSecond, 12);
        Assert.StartsWith("A percentile is a fraction from 0 to 1.", Assert.Throws<ArgumentOutOfRangeException>(() => result.Percentile(1.5)).Message, StringComparison.Ordinal);
    }
}
