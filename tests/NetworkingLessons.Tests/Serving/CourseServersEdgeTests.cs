using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NetworkingLessons.Serving;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Serving;

/// <summary>
/// The edges of <see cref="CourseServers.ServeAsync"/>: every kind on its port, the log as a
/// terminal sees it (only what was flushed), a terminal too slow for a flood, a port that cannot
/// be had, and a missing log.
/// </summary>
public sealed partial class CourseServersEdgeTests
{
    /// <summary>A terminal: text shows only once flushed; log lines (those starting with a time) can be held back.</summary>
    private sealed class Terminal : TextWriter
    {
        private readonly System.Text.StringBuilder _pending = new();
        private readonly System.Text.StringBuilder _shown = new();
        private readonly Lock _lock = new();
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Terminal(bool holdLogLines = false)
        {
            if (!holdLogLines)
            {
                _released.SetResult();
            }
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        /// <summary>Set once the first log line is being held.</summary>
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public override void Write(char value)
        {
            lock (_lock)
            {
                _pending.Append(value);
            }
        }

        public override async Task WriteLineAsync(string? value)
        {
            if (value is not null && TimeStamp().IsMatch(value) && !_released.Task.IsCompleted)
            {
                Holding.TrySetResult();
                await _released.Task;
            }
            WriteLine(value);
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        public override void Flush()
        {
            lock (_lock)
            {
                _shown.Append(_pending);
                _pending.Clear();
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return _shown.ToString();
            }
        }
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3} ")]
    private static partial Regex TimeStamp();

    private static Task WaitForAsync(Func<bool> condition, Func<string> state) => Condition.WaitAsync(condition, TimeSpan.FromSeconds(20), state);

    /// <summary>A port free for TCP and UDP whose next port is free too.</summary>
    private static int FreePortPair()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            if (port < 65_534 && IsFree(port, SocketType.Dgram) && IsFree(port + 1, SocketType.Dgram) && IsFree(port + 1, SocketType.Stream) || attempt == 50)
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port, SocketType type)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Serve_All_RunsTcpAndUdpEchoOnThePort_AndNtpOnTheNext_LoggingEachByName()
    {
        var port = FreePortPair();
        var terminal = new Terminal();
        using var stop = new CancellationTokenSource();
        var serving = CourseServers.ServeAsync("all", "127.0.0.1", port, terminal, stop.Token);
        await WaitForAsync(() => terminal.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal), terminal.ToString);

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            await stream.WriteAsync("hi"u8.ToArray());
            var echo = new byte[2];
            await stream.ReadExactlyAsync(echo).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("hi"u8.ToArray(), echo);
        }
        using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            await udp.SendAsync(new byte[3], new IPEndPoint(IPAddress.Loopback, port));
            await udp.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        var time = await NetworkingLessons.Time.SntpClient.QueryAsync(new IPEndPoint(IPAddress.Loopback, port + 1));
        Assert.Equal(port + 1, time.Server.Port);
        await WaitForAsync(() => terminal.ToString().Contains("(1 answered)", StringComparison.Ordinal)
            && terminal.ToString().Contains("(1 datagrams)", StringComparison.Ordinal)
            && terminal.ToString().Contains(" after 2 bytes", StringComparison.Ordinal), terminal.ToString);
        await stop.CancelAsync();

        Assert.Equal(0, await serving);
        var lines = terminal.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"serving: SNTP server on 127.0.0.1:{port + 1}: 0 answered, 0 dropped, 0 rate-limited",
                $"serving: echo server on 127.0.0.1:{port}: 0 connections, 0 accepted, 0 bytes echoed",
                $"serving: UDP echo server on 127.0.0.1:{port}: 0 datagrams echoed",
                "Press Ctrl+C to stop.",
            ],
            lines[..4]);
        Assert.Equal(
            [
                $"stopped: SNTP server on 127.0.0.1:{port + 1}: 1 answered, 0 dropped, 0 rate-limited",
                $"stopped: echo server on 127.0.0.1:{port}: 0 connections, 1 accepted, 2 bytes echoed",
                $"stopped: UDP echo server on 127.0.0.1:{port}: 1 datagrams echoed",
            ],
            lines[^3..]);
        var logged = lines[4..^3];
        Assert.All(logged, line => Assert.Matches(TimeStamp(), line));
        Assert.Contains(logged, line => Regex.IsMatch(line, @"^\S+ echo     127\.0\.0\.1:\d+ connected \(1 open, 1 accepted\)$"));
        Assert.Contains(logged, line => Regex.IsMatch(line, @"^\S+ echo     127\.0\.0\.1:\d+ .* after 2 bytes \(0 open, 1 accepted\)$"));
        Assert.Contains(logged, line => Regex.IsMatch(line, @"^\S+ udp-echo 127\.0\.0\.1:\d+ echoed 3 bytes \(1 datagrams\)$"));
        Assert.Contains(logged, line => Regex.IsMatch(line, @"^\S+ ntp      127\.0\.0\.1:\d+ answered a version 4 request \(1 answered\)$"));

        // Stopped means stopped: every port is free again.
        Assert.True(IsFree(port, SocketType.Stream) && IsFree(port, SocketType.Dgram) && IsFree(port + 1, SocketType.Dgram), "a server still holds its port");
    }

    [Fact]
    public async Task Serve_EchoAlone_UsesThePortGivenEvenAt65535_AndNoOtherServer()
    {
        var terminal = new Terminal();
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var code = await CourseServers.ServeAsync("echo", "127.0.0.1", 65_535, terminal, stop.Token);

        if (code == 0)
        {
            Assert.Equal(
                ["serving: echo server on 127.0.0.1:65535: 0 connections, 0 accepted, 0 bytes echoed", "Press Ctrl+C to stop.",
                 "stopped: echo server on 127.0.0.1:65535: 0 connections, 0 accepted, 0 bytes echoed"],
                terminal.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
        else
        {
            Assert.Contains("(AddressAlreadyInUse)", terminal.ToString(), StringComparison.Ordinal); // something else has 65535 here
        }
    }

    [Fact]
    public async Task Serve_ATerminalTooSlowForAFlood_SkipsLinesBeyondTheQueue_CountsThem_AndStillServes()
    {
        var port = FreePortPair();
        var terminal = new Terminal(holdLogLines: true);
        using var stop = new CancellationTokenSource();
        var serving = CourseServers.ServeAsync("udp-echo", "127.0.0.1", port, terminal, stop.Token);
        await WaitForAsync(() => terminal.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal), terminal.ToString);
        var datagrams = CourseServers.LogCapacity + 50;

        using (var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            udp.Connect(IPAddress.Loopback, port);
            udp.ReceiveTimeout = 10_000;
            var reply = new byte[1];
            for (var i = 0; i < datagrams; i++)
            {
                udp.Send([(byte)i]);
                Assert.Equal(1, udp.Receive(reply)); // served while the terminal holds its first line
            }
        }
        await terminal.Holding.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        terminal.Release();

        Assert.Equal(0, await serving);
        var lines = terminal.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var logged = lines.Count(line => TimeStamp().IsMatch(line));
        Assert.Equal(1 + CourseServers.LogCapacity, logged); // the line being written, and a full queue
        Assert.Equal(
            [
                $"({(datagrams - logged).ToString("N0", CultureInfo.InvariantCulture)} log lines skipped: requests came faster than the terminal could show them)",
                $"stopped: UDP echo server on 127.0.0.1:{port}: {datagrams} datagrams echoed",
            ],
            lines[^2..]);
    }

    [Fact]
    public async Task Serve_AllWhenTheEchoPortIsTaken_Returns1_AndFreesThePortsItHadTaken()
    {
        var port = FreePortPair();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, port));
        taken.Listen();
        var terminal = new Terminal();

        var code = await CourseServers.ServeAsync("all", "127.0.0.1", port, terminal, CancellationToken.None);
        terminal.Flush();

        Assert.Equal(1, code);
        Assert.Matches(@"^lessons serve: cannot listen: .+ \(AddressAlreadyInUse\)\.\r?\n$", terminal.ToString());
        Assert.True(IsFree(port + 1, SocketType.Dgram), "the SNTP server started before the failure still holds its port");
    }

    [Fact]
    public async Task Serve_NoLog_Throws()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => CourseServers.ServeAsync("echo", "127.0.0.1", 9, null!, CancellationToken.None));
        Assert.Equal("log", ex.ParamName);
    }
}
