using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using NetworkingLessons.Echo;
using NetworkingLessons.Time;

namespace NetworkingLessons.Serving;

/// <summary>
/// The course's servers run from a terminal, as <c>lessons serve</c> does: the SNTP server, the TCP
/// echo server and the UDP echo server, alone or all three, each request logged with a running
/// count, until cancelled (Ctrl+C). Then each stops cleanly and a summary is printed.
/// </summary>
public static class CourseServers
{
    /// <summary>What can be served.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["ntp", "echo", "udp-echo", "all"];

    /// <summary>The TCP echo server's port when none is given: the tutorials' <c>--port=9900</c>. The UDP echo server uses the same number.</summary>
    public const int DefaultEchoPort = 9900;

    /// <summary>The SNTP server's port when none is given: 123 needs root, so 1123.</summary>
    public const int DefaultNtpPort = 1123;

    /// <summary>How many log lines wait for a slow terminal before more are skipped.</summary>
    internal const int LogCapacity = 10_000;

    /// <summary>
    /// Serves <paramref name="kind"/> on <paramref name="host"/> until <paramref name="cancellationToken"/> is cancelled; returns the exit code.
    /// With "all", <paramref name="port"/> is the echo servers' port (TCP and UDP) and the SNTP server takes the next one.
    /// </summary>
    /// <param name="kind">ntp, echo, udp-echo or all.</param>
    /// <param name="host">The address to listen on, such as 127.0.0.1.</param>
    /// <param name="port">The port, or null for the defaults.</param>
    /// <param name="log">Where the log goes (standard output).</param>
    /// <param name="cancellationToken">Stops the servers.</param>
    /// <exception cref="ArgumentException">Not a kind, not an address, or not a port.</exception>
    public static async Task<int> ServeAsync(string kind, string host, int? port, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentException($"'{kind}' is not a server the course has; choose one of {string.Join(", ", Kinds)}.", nameof(kind));
        }
        if (!IPAddress.TryParse(host, out var address))
        {
            throw new ArgumentException($"'{host}' is not an IP address; give one such as 127.0.0.1 or ::1.", nameof(host));
        }
        if (port is { } p)
        {
            if (Services.Ports.Validate(p) == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(port), p, "A server a student points clients at needs a port of its own, 1 to 65535; 0 would let the system pick one.");
            }
            if (kind == "all" && p == 65_535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), p, "With all, the SNTP server takes the port after the echo servers'; 65535 has none after it.");
            }
        }
        // TryWrite on a full channel in Wait mode says false, and the line is counted as skipped
        // (DropWrite would drop it and say true, so the count would never move).
        var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(LogCapacity) { SingleReader = true });
        var skipped = 0L;
        void Log(string name, IPEndPoint client, string what)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss.fff} {name,-8} {client} {what}");
            if (!lines.Writer.TryWrite(line))
            {
                Interlocked.Increment(ref skipped); // a flood outruns the terminal; the servers must not wait for it
            }
        }

        var running = new List<(string Name, IAsyncDisposable Server, Func<string> Summary)>();
        try
        {
            if (kind is "ntp" or "all")
            {
                var at = new IPEndPoint(address, kind == "all" ? (port ?? DefaultEchoPort) + 1 : port ?? DefaultNtpPort);
                var ntp = SntpServer.Start(at);
                ntp.Served += (client, what) => Log("ntp", client, $"{what} ({ntp.Answered:N0} answered)");
                running.Add(("ntp", ntp, ntp.ToString));
            }
            if (kind is "echo" or "all")
            {
                var echo = EchoServer.Start(new IPEndPoint(address, port ?? DefaultEchoPort));
                echo.Served += (client, what) => Log("echo", client, $"{what} ({echo.Connections:N0} open, {echo.Accepted:N0} accepted)");
                running.Add(("echo", echo, echo.ToString));
            }
            if (kind is "udp-echo" or "all")
            {
                var udp = UdpEchoServer.Start(new IPEndPoint(address, port ?? DefaultEchoPort));
                udp.Served += (client, size) => Log("udp-echo", client, $"echoed {size:N0} bytes ({udp.Echoed:N0} datagrams)");
                running.Add(("udp-echo", udp, udp.ToString));
            }
        }
        catch (SocketException ex)
        {
            await log.WriteLineAsync($"lessons serve: cannot listen: {ex.Message} ({ex.SocketErrorCode}).{(ex.SocketErrorCode == SocketError.AccessDenied ? " Ports below 1024 need root; choose another with --port." : "")}");
            foreach (var (_, server, _) in running)
            {
                await server.DisposeAsync();
            }
            return 1;
        }

        foreach (var (_, _, summary) in running)
        {
            await log.WriteLineAsync($"serving: {summary()}");
        }
        await log.WriteLineAsync("Press Ctrl+C to stop.");
        await log.FlushAsync(CancellationToken.None);
        var writing = Task.Run(async () =>
        {
            await foreach (var line in lines.Reader.ReadAllAsync(CancellationToken.None))
            {
                await log.WriteLineAsync(line);
                if (lines.Reader.Count == 0)
                {
                    await log.FlushAsync(CancellationToken.None);
                }
            }
        }, CancellationToken.None);

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop cleanly
        }
        foreach (var (_, server, _) in running)
        {
            await server.DisposeAsync();
        }
        lines.Writer.Complete();
        await writing;
        if (Interlocked.Read(ref skipped) is > 0 and var count)
        {
            await log.WriteLineAsync($"({count:N0} log lines skipped: requests came faster than the terminal could show them)");
        }
        foreach (var (_, _, summary) in running)
        {
            await log.WriteLineAsync($"stopped: {summary()}");
        }
        await log.FlushAsync(CancellationToken.None);
        return 0;
    }
}
