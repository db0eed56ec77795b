using System.Globalization;
using System.Net;
using System.Text.Json;
using NetworkingLessons.TestSupport;
using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

/// <summary>
/// The course's SNTP client and server against real peers on loopback: Debian's ntpdig and
/// chronyd, and the tutorials' minimal Python client. ntpdig asks port 123 only, so these bind
/// 127.0.0.123 and 127.0.0.124 on NTP's own port, which needs root, as CI runs.
/// </summary>
[Collection(nameof(InteropTests))] // one chronyd at a time on 127.0.0.123
public sealed class InteropTests
{
    private static readonly IPEndPoint CourseServerForNtpdig = new(IPAddress.Parse("127.0.0.124"), NtpPacket.Port);

    private static async Task<JsonElement> NtpdigAsync(IPAddress server)
    {
        var (code, stdout, stderr) = await Peers.RunAsync(Peers.Ntpdig!, ["-j", "-t", "2", server.ToString()], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"ntpdig failed: {stdout}{stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    [PeerTheory(Peer.Ntpdig, Peer.PrivilegedPorts)]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(-3.5)]
    public async Task Ntpdig_AsksTheCourseServer_AndMeasuresItsOffset(double seconds)
    {
        await using var server = SntpServer.Start(CourseServerForNtpdig, new SntpServerOptions { ClockOffset = TimeSpan.FromSeconds(seconds) });

        var answer = await NtpdigAsync(CourseServerForNtpdig.Address);

        Assert.Equal(1, answer.GetProperty("stratum").GetInt32());
        Assert.Equal("no-leap", answer.GetProperty("leap").GetString());
        // ntpdig's "precision" is its own bound on its error (half the delay, and a little): a
        // busy machine widens both the error and the bound.
        Assert.Equal(seconds, answer.GetProperty("offset").GetDouble(), answer.GetProperty("precision").GetDouble() + 0.000_1);
        Assert.Equal(1, server.Answered);
    }

    [PeerFact(Peer.Chrony, Peer.Ntpdig, Peer.PrivilegedPorts)]
    public async Task Client_AgainstChrony_AgreesWithNtpdigWithinAMillisecondOrTheirErrorBounds()
    {
        await using var chrony = await ChronyServer.StartAsync();

        // As NTP's clock filter does, each side keeps the sample with the least delay of four: a
        // sample delayed on a busy machine is off by up to half its delay.
        var samples = new List<SntpReply>();
        for (var i = 0; i < 4; i++)
        {
            samples.Add(await SntpClient.QueryAsync(ChronyServer.EndPoint));
        }
        var ours = samples.MinBy(s => s.Delay)!;
        // ntpdig keeps its first good sample, not its best: the median of five runs stands for it.
        // Its "precision" is its synchronization distance, |delay/2 + epsilon|: its own bound on its error.
        var theirs = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            theirs.Add(await NtpdigAsync(ChronyServer.EndPoint.Address));
        }
        var median = theirs.OrderBy(t => t.GetProperty("offset").GetDouble()).ElementAt(2);
        var theirOffset = median.GetProperty("offset").GetDouble();
        var theirBound = median.GetProperty("precision").GetDouble();
        // chronyd serves this machine's own clock: the true offset is zero, and each measurement
        // lies within its error bound of it, so of each other.
        var ourBound = ours.Delay.TotalSeconds / 2 + 0.000_05;

        Assert.All(theirs, t => Assert.Equal(t.GetProperty("stratum").GetInt32(), ours.Reply.Stratum));
        Assert.InRange(ours.Offset.TotalSeconds, -ourBound, ourBound);
        // Within a millisecond, as the issue asks, unless ntpdig itself says its sample is worse.
        Assert.Equal(theirOffset, ours.Offset.TotalSeconds, Math.Max(0.001, theirBound + ourBound));
        Assert.Equal(NtpPacket.CurrentVersion, ours.Reply.Version);
        Assert.True(ours.Delay >= TimeSpan.Zero && ours.Delay < TimeSpan.FromMilliseconds(100), ours.ToString());
    }

    [PeerFact(Peer.Python)]
    public async Task TheTutorialsMinimalClient_GetsTheCourseServersTime()
    {
        await using var server = SntpServer.Start();

        // The tutorials' client: '\x1b' + 47 zero bytes to the server, then '!12I' and TIME1970.
        var (code, stdout, stderr) = await Peers.RunAsync("python3", ["-c", """
            import socket, struct, sys, time
            TIME1970 = 2208988800
            client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            client.settimeout(5)
            data = b'\x1b' + 47 * b'\0'
            client.sendto(data, ('127.0.0.1', int(sys.argv[1])))
            data, address = client.recvfrom(1024)
            t = struct.unpack('!12I', data)[10] - TIME1970
            print(t, int(time.time()))
            """, server.EndPoint.Port.ToString(CultureInfo.InvariantCulture)]);

        Assert.True(code == 0, stderr);
        var parts = stdout.Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(parts[0], parts[1] - 2, parts[1] + 2);
        Assert.Equal(1, server.Answered);
    }
}
