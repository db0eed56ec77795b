using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Echo;

/// <summary>
/// A closed-loop load on an echo server, as ../shared/tools/echo-load makes it: each connection
/// sends a message, waits for every byte of its echo and checks it, and sends the next. Bounded
/// in connections and time; it reports its rate every second while it runs.
/// </summary>
public static class EchoLoad
{
    /// <summary>The most connections one run opens.</summary>
    public const int MaxConnections = 1000;

    /// <summary>The longest a run may last.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(30);

    /// <summary>The most round-trip times kept; past that, an even sample of them.</summary>
    internal const int MaxLatencySamples = 200_000;

    /// <summary>Runs the load and returns what it measured.</summary>
    /// <param name="server">The echo server.</param>
    /// <param name="connections">How many connections, 1 to <see cref="MaxConnections"/>.</param>
    /// <param name="messageSize">Bytes per message, 1 to 1 MiB.</param>
    /// <param name="duration">How long to keep sending, up to <see cref="MaxDuration"/>.</param>
    /// <param name="progress">Called about once a second with the run so far (a cell passes <c>p => handle.Update(p)</c>).</param>
    /// <param name="cancellationToken">Ends the run early; what was measured is returned.</param>
    /// <exception cref="SocketException">A connection could not be opened.</exception>
    public static async Task<EchoLoadResult> RunAsync(IPEndPoint server, int connections, int messageSize, TimeSpan duration,
        Action<EchoLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(connections, MaxConnections);
        ArgumentOutOfRangeException.ThrowIfLessThan(messageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messageSize, 1 << 20);
        if (duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"A load run lasts more than 0 and at most {MaxDuration.TotalSeconds:0} s.");
        }
        var sockets = new List<Socket>(connections);
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                sockets.Add(socket);
                await socket.ConnectAsync(server, cancellationToken);
            }
            var counts = new Counts();
            var clock = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(duration);
            var reporting = ReportAsync(counts, clock, progress, stop.Token);
            await Task.WhenAll(sockets.Select((s, i) => Task.Run(() => LoopAsync(s, messageSize, i, counts, stop.Token), CancellationToken.None)));
            var elapsed = clock.Elapsed;
            await stop.CancelAsync();
            await reporting;
            progress?.Invoke(counts.Progress(elapsed, elapsed, done: true));
            return new EchoLoadResult(connections, messageSize, elapsed, counts.RoundTrips, counts.Errors, counts.Mismatches, counts.Latencies());
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task LoopAsync(Socket socket, int size, int index, Counts counts, CancellationToken stop)
    {
        var message = new byte[size];
        new Random(index).NextBytes(message);
        var echo = new byte[size];
        var clock = new Stopwatch();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                clock.Restart();
                await socket.SendAsync(message, SocketFlags.None, stop);
                for (var got = 0; got < size;)
                {
                    var n = await socket.ReceiveAsync(echo.AsMemory(got), SocketFlags.None, stop);
                    if (n == 0)
                    {
                        counts.Error();
                        return;
                    }
                    got += n;
                }
                counts.RoundTrip(clock.Elapsed.TotalMicroseconds, !echo.AsSpan().SequenceEqual(message));
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
        catch (SocketException)
        {
            counts.Error();
        }
    }

    private static async Task ReportAsync(Counts counts, Stopwatch clock, Action<EchoLoadProgress>? progress, CancellationToken stop)
    {
        if (progress is null)
        {
            return;
        }
        var last = TimeSpan.Zero;
        var lastCount = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = clock.Elapsed;
                var report = counts.Progress(now, now - last, done: false, lastCount);
                last = now;
                lastCount = report.RoundTrips;
                progress(report);
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over; the final report follows
        }
    }

    /// <summary>What a run has counted so far, shared by its connections.</summary>
    internal sealed class Counts
    {
        private readonly Lock _lock = new();
        private readonly List<double> _latencies = [];
        private long _roundTrips;
        private long _errors;
        private long _mismatches;

        public long RoundTrips => Interlocked.Read(ref _roundTrips);

        public long Errors => Interlocked.Read(ref _errors);

        public long Mismatches => Interlocked.Read(ref _mismatches);

        public void Error() => Interlocked.Increment(ref _errors);

        public void RoundTrip(double microseconds, bool mismatch)
        {
            var n = Interlocked.Increment(ref _roundTrips);
            if (mismatch)
            {
                Interlocked.Increment(ref _mismatches);
            }
            lock (_lock)
            {
                // Every round trip while there is room; then an even sample, so the percentiles stay fair.
                if (_latencies.Count < MaxLatencySamples)
                {
                    _latencies.Add(microseconds);
                }
                else if (Random.Shared.NextInt64(n) < MaxLatencySamples)
                {
                    _latencies[Random.Shared.Next(MaxLatencySamples)] = microseconds;
                }
            }
        }

        public double[] Latencies()
        {
            lock (_lock)
            {
                return [.. _latencies];
            }
        }

        public EchoLoadProgress Progress(TimeSpan elapsed, TimeSpan window, bool done, long before = 0)
        {
            var total = RoundTrips;
            var rate = done ? total / Math.Max(elapsed.TotalSeconds, 1e-9) : (total - before) / Math.Max(window.TotalSeconds, 1e-9);
            return new EchoLoadProgress(elapsed, total, rate, Errors, done);
        }
    }
}
