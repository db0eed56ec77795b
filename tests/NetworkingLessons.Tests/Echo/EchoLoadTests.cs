using System.Net;
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
        Assert.StartsWith("conns=4 size=64 secs=1.5 roundtrips=", result.ToString(), StringComparison.Ordinal);
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
}
