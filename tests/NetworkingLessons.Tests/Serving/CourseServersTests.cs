using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Serving;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Serving;

public sealed class CourseServersTests
{
    private sealed class Log : TextWriter
    {
        private readonly System.Text.StringBuilder _text = new();
        private readonly Lock _lock = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_lock)
            {
                _text.Append(value);
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static Task WaitForAsync(Func<bool> condition) => Condition.WaitAsync(condition, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Serve_UdpEcho_LogsEachDatagramWithACount_ThenStopsWithASummary()
    {
        var port = FreePort();
        var log = new Log();
        using var stop = new CancellationTokenSource();
        var serving = CourseServers.ServeAsync("udp-echo", "127.0.0.1", port, log, stop.Token);
        await WaitForAsync(() => log.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal));
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 1; i <= 2; i++)
        {
            await client.SendAsync(new byte[i], new IPEndPoint(IPAddress.Loopback, port));
            await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        await WaitForAsync(() => log.ToString().Contains("(2 datagrams)", StringComparison.Ordinal));

        await stop.CancelAsync();

        Assert.Equal(0, await serving);
        var text = log.ToString();
        Assert.Contains($"serving: UDP echo server on 127.0.0.1:{port}: 0 datagrams echoed", text, StringComparison.Ordinal);
        Assert.Contains("echoed 1 bytes (1 datagrams)", text, StringComparison.Ordinal);
        Assert.Contains($"stopped: UDP echo server on 127.0.0.1:{port}: 2 datagrams echoed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_Ntp_OnThePortGiven()
    {
        var port = FreePort();
        var log = new Log();
        using var stop = new CancellationTokenSource();
        var serving = CourseServers.ServeAsync("ntp", "127.0.0.1", port, log, stop.Token);
        await WaitForAsync(() => log.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal));

        var reply = await NetworkingLessons.Time.SntpClient.QueryAsync(new IPEndPoint(IPAddress.Loopback, port));
        await WaitForAsync(() => log.ToString().Contains("(1 answered)", StringComparison.Ordinal));
        await stop.CancelAsync();

        Assert.Equal(0, await serving);
        Assert.Equal(port, reply.Server.Port);
    }

    [Fact]
    public async Task Serve_PortInUse_Returns1AndSaysWhy()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var log = new Log();

        var code = await CourseServers.ServeAsync("all", "127.0.0.1", port - 1, log, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.StartsWith("lessons serve: cannot listen: ", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp", "127.0.0.1", 1000, "kind", "'smtp' is not a server the course has; choose one of ntp, echo, udp-echo, all.")]
    [InlineData("echo", "localhost", 1000, "host", "'localhost' is not an IP address; give one such as 127.0.0.1 or ::1.")]
    [InlineData("echo", "127.0.0.1", 0, "port", "A server a student points clients at needs a port of its own, 1 to 65535; 0 would let the system pick one.")]
    [InlineData("all", "127.0.0.1", 65535, "port", "With all, the SNTP server takes the port after the echo servers'; 65535 has none after it.")]
    public async Task Serve_BadArguments_ThrowNamingTheArgumentAndWhatIsWrong(string kind, string host, int port, string parameter, string message)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => CourseServers.ServeAsync(kind, host, port, TextWriter.Null, CancellationToken.None));

        Assert.Equal(parameter, ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }
}
