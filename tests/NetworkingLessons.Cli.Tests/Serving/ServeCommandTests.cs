using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Serving;

/// <summary><c>lessons serve</c> in a child process, as a student starts it: it serves, logs, and stops cleanly on Ctrl+C (SIGINT).</summary>
public sealed class ServeCommandTests
{
    private static int FreePort()
    {
        // Free for TCP and UDP alike, as "all" needs.
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)tcp.LocalEndPoint!).Port;
    }

    private static PeerProcess Serve(params string[] arguments) =>
        PeerProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "lessons.dll"), "serve", .. arguments]);

    private static async Task ReadUntilAsync(PeerProcess server, string text)
    {
        while (!(await server.ReadLineAsync()).Contains(text, StringComparison.Ordinal))
        {
        }
    }

    private static async Task InterruptAsync(PeerProcess server)
    {
        var (code, _, stderr) = await Peers.RunAsync("kill", ["-s", "INT", server.Id.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public async Task Serve_All_AnswersEachKind_LogsEachRequest_AndStopsOnCtrlC()
    {
        var port = FreePort();
        using var server = Serve("all", "--port", port.ToString(CultureInfo.InvariantCulture));
        await ReadUntilAsync(server, "Press Ctrl+C to stop.");

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            await stream.WriteAsync("hello"u8.ToArray());
            var echo = new byte[5];
            await stream.ReadExactlyAsync(echo);
            Assert.Equal("hello"u8.ToArray(), echo);
        }
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await udp.SendAsync("ping"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        Assert.Equal("ping"u8.ToArray(), (await udp.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10))).Buffer);
        var request = new byte[48];
        request[0] = 0x23; // NTPv4, client
        await udp.SendAsync(request, new IPEndPoint(IPAddress.Loopback, port + 1));
        var ntp = (await udp.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10))).Buffer;
        Assert.Equal((48, 0x24, 1), (ntp.Length, (int)ntp[0], (int)ntp[1])); // NTPv4 server, stratum 1

        await InterruptAsync(server);
        var (code, stdout, stderr) = await server.WaitAsync();

        Assert.True(code == 0, stderr);
        Assert.Contains("connected (1 open, 1 accepted)", stdout, StringComparison.Ordinal);
        Assert.Contains("closed after 5 bytes", stdout, StringComparison.Ordinal);
        Assert.Contains("echoed 4 bytes (1 datagrams)", stdout, StringComparison.Ordinal);
        Assert.Contains("answered a version 4 request (1 answered)", stdout, StringComparison.Ordinal);
        Assert.Contains($"stopped: echo server on 127.0.0.1:{port}: 0 connections, 1 accepted, 5 bytes echoed", stdout, StringComparison.Ordinal);
        Assert.Contains($"stopped: SNTP server on 127.0.0.1:{port + 1}: 1 answered", stdout, StringComparison.Ordinal);
    }

    [PeerFact(Peer.Python, Peer.Shared)]
    public async Task Serve_Echo_ServesTheTutorialsEchoClientOnItsPort()
    {
        var client = CourseFiles.SeedProgram("001_51f8eb8884382953.txt", "echo_client.py")!;
        using var folder = new TempFolder("serve-seed");
        File.WriteAllText(folder["echo_client.py"], client);
        var port = FreePort();
        using var server = Serve("echo", "--port", port.ToString(CultureInfo.InvariantCulture));
        await ReadUntilAsync(server, "Press Ctrl+C to stop.");

        var (code, stdout, stderr) = await Peers.RunAsync("python3", [folder["echo_client.py"], $"--port={port}"], environment: new() { ["PYTHONIOENCODING"] = "utf-8" });

        Assert.True(code == 0, stderr);
        Assert.Contains("测试数据", stdout, StringComparison.Ordinal);
        await InterruptAsync(server);
        Assert.Equal(0, (await server.WaitAsync()).ExitCode);
    }

    [Fact]
    public async Task Serve_PortTaken_SaysSoAndExits1()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var (code, stdout, _) = await CourseFiles.LessonsAsync(CourseFiles.Root, "serve", "echo", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, code);
        Assert.StartsWith("lessons serve: cannot listen: ", stdout, StringComparison.Ordinal);
        Assert.Contains("AddressAlreadyInUse", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lessons: server: 'bogus' is not one of ntp, echo, udp-echo, all.", "bogus")]
    [InlineData("lessons: --port: '99999' is not a port (1 to 65535).", "echo", "--port", "99999")]
    [InlineData("lessons: --port: 'abc' is not a port (1 to 65535).", "echo", "--port", "abc")]
    [InlineData("lessons: --host: 'localhost' is not an IP address (such as 127.0.0.1 or ::1).", "echo", "--host", "localhost")]
    public async Task Serve_BadValue_IsOneLineAndExit2(string expected, params string[] arguments)
    {
        var (code, stdout, stderr) = await CourseFiles.LessonsAsync(CourseFiles.Root, ["serve", .. arguments]);

        Assert.Equal(2, code);
        Assert.Equal(expected, stderr.TrimEnd());
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Serve_AllOnTheLastPort_HasNoRoomForNtp()
    {
        var (code, _, stderr) = await CourseFiles.LessonsAsync(CourseFiles.Root, "serve", "all", "--port", "65535");

        Assert.Equal(2, code);
        Assert.Equal("lessons serve: With all, the SNTP server takes the port after the echo servers'; 65535 has none after it.", stderr.TrimEnd());
    }
}
