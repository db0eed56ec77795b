using NetworkingLessons.TestSupport;
using NetworkingLessons.Wire;
using static NetworkingLessons.Tests.Wire.Packets;

namespace NetworkingLessons.Tests.Wire;

/// <summary>
/// What a capture does where it may not capture (it says why, in one line, and gives the recording
/// instead, marked as such), and which frames a capture keeps.
/// </summary>
public sealed class CaptureRightsTests
{
    [PeerFact(Peer.PacketCapture)] // needs capabilities to drop: as root, or with CAP_NET_RAW
    public void Capture_WithoutTheRight_SaysWhyAndGivesTheRecordingMarkedAsSuch()
    {
        var capture = WithoutRawSockets.Run(() => NetworkingLessons.Wire.Wire.Capture([9], null, Recording.UdpExchange));

        Assert.StartsWith("capturing needs root or the CAP_NET_RAW capability, and this process has neither.", capture.Problem, StringComparison.Ordinal);
        Assert.Contains("sudo setcap cap_net_raw+ep", capture.Problem, StringComparison.Ordinal);
        Assert.False(capture.IsCapturing);
        Assert.Equal("it could not start", capture.StoppedBecause);
        Assert.Equal($"not capturing: {capture.Problem}", capture.ToString());
        Assert.Empty(capture.Packets);
        var trace = capture.Stop();
        Assert.Equal(NetworkingLessons.Wire.Wire.Recorded(Recording.UdpExchange).Captured, trace.Captured);
        Assert.Equal($"recorded earlier by the course's own tools on loopback, because this machine could not capture: {capture.Problem}", trace.Source);
        Assert.Same(trace, capture.Stop());
        Assert.Equal("it could not start", capture.StoppedBecause);
    }

    [PeerFact(Peer.PacketCapture)]
    public void Capture_WithoutTheRightOrARecording_SaysNothingWasCaptured()
    {
        var capture = WithoutRawSockets.Run(() => NetworkingLessons.Wire.Wire.Capture(9));

        var trace = capture.Stop();

        Assert.Empty(trace);
        Assert.Equal($"nothing captured: {capture.Problem}", trace.Source);
        Assert.StartsWith("nothing captured: capturing needs root", trace.ToString(), StringComparison.Ordinal);
    }

    [PeerFact(Peer.PacketCapture)]
    public async Task Recording_WithoutTheRight_IsRefusedRatherThanWrittenEmpty()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => WithoutRawSockets.Run(() => RecordingScenarios.RecordAsync(Recording.UdpExchange)));

        Assert.StartsWith("Cannot record: capturing needs root", ex.Message, StringComparison.Ordinal);
    }

    [PeerFact(Peer.PacketCapture)]
    public async Task Capture_SaysWhatItIsDoing_ThenWhyItStopped()
    {
        var capture = NetworkingLessons.Wire.Wire.Capture(9, 10);
        await Condition.WaitAsync(() => capture.IsCapturing, TimeSpan.FromSeconds(10), () => "the capture starts");

        Assert.Equal("capturing on loopback, port 9, 10: 0 packets so far", capture.ToString());
        Assert.Null(capture.Problem);
        Assert.Null(capture.StoppedBecause);
        Assert.Equal([9, 10], capture.Ports.Order());
        capture.Dispose();
        Assert.Equal("stopped because it was stopped: 0 packets", capture.ToString());
        Assert.False(capture.IsCapturing);
        Assert.Same(capture.Stop(), capture.Stop());
    }

    private static readonly HashSet<int> Port2 = [2];

    public static TheoryData<string, byte[], bool> Frames() => new()
    {
        { "IPv4 UDP to the port", Ethernet(IPv4(17, Udp(1, 2))), true },
        { "IPv4 UDP from the port", Ethernet(IPv4(17, Udp(2, 1))), true },
        { "IPv4 UDP between others", Ethernet(IPv4(17, Udp(1, 3))), false },
        { "IPv4 TCP to the port", Ethernet(IPv4(6, Tcp(1, 2))), true },
        { "IPv4 ICMP whose bytes read as the port", Ethernet(IPv4(1, Udp(1, 2))), false },
        { "IPv4 with options, UDP to the port", Ethernet(IPv4(17, Udp(1, 2), options: [1, 1, 1, 0])), true },
        { "IPv6 UDP to the port", Ethernet(IPv6(17, Udp(1, 2)), 0x86dd), true },
        { "IPv6 TCP from the port", Ethernet(IPv6(6, Tcp(2, 1)), 0x86dd), true },
        { "IPv6 UDP between others", Ethernet(IPv6(17, Udp(1, 3)), 0x86dd), false },
        { "IPv6 of another protocol", Ethernet(IPv6(58, Udp(1, 2)), 0x86dd), false },
        { "ARP", Ethernet(new byte[28], 0x0806), false },
        { "13 bytes", new byte[13], false },
        { "an Ethernet header alone", Ethernet([]), false },
        { "IPv4 cut at 33 bytes", Ethernet(IPv4(17, Udp(1, 2)))[..33], false },
        { "IPv4 with its ports cut at 37 bytes", Ethernet(IPv4(17, Udp(1, 2)))[..37], false },
        { "IPv4 with exactly its ports, 38 bytes", Ethernet(IPv4(17, Udp(1, 2)))[..38], true },
        { "IPv4 with options cut before the ports", Ethernet(IPv4(17, Udp(1, 2), options: [1, 1, 1, 0]))[..41], false },
        { "IPv6 cut at 53 bytes", Ethernet(IPv6(17, Udp(1, 2)), 0x86dd)[..53], false },
        { "IPv6 with its ports cut at 57 bytes", Ethernet(IPv6(17, Udp(1, 2)), 0x86dd)[..57], false },
        { "IPv6 with exactly its ports, 58 bytes", Ethernet(IPv6(17, Udp(1, 2)), 0x86dd)[..58], true },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Matches_KeepsOnlyTcpAndUdpOfThePorts(string what, byte[] frame, bool kept)
    {
        Assert.True(LiveCapture.Matches(frame, Port2) == kept, what);
    }
}
