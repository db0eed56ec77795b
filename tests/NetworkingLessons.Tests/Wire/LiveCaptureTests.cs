using System.Net;
using System.Net.Sockets;
using NetworkingLessons.TestSupport;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

/// <summary>Real captures on loopback: only the ports asked for, within the limits, stopping by themselves.</summary>
public sealed class LiveCaptureTests
{
    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        Condition.WaitAsync(condition, TimeSpan.FromSeconds(20), () => $"waiting until {what}");

    private static (Socket Server, int Port) UdpServer(IPAddress address)
    {
        var server = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(address, 0));
        return (server, ((IPEndPoint)server.LocalEndPoint!).Port);
    }

    [PeerFact(Peer.PacketCapture)]
    public async Task Capture_KeepsOnlyThePortsAskedFor()
    {
        var (watched, watchedPort) = UdpServer(IPAddress.Loopback);
        var (other, otherPort) = UdpServer(IPAddress.Loopback);
        using (watched)
        using (other)
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            var capture = NetworkingLessons.Wire.Wire.Capture(watchedPort);
            client.SendTo("not this"u8, other.LocalEndPoint!);
            client.SendTo("this"u8, watched.LocalEndPoint!);
            await WaitUntilAsync(() => capture.Packets.Count >= 1, "the watched datagram is captured");
            client.SendTo("nor this"u8, other.LocalEndPoint!);
            var trace = capture.Stop();

            var packet = Assert.Single(trace);
            Assert.Equal(watchedPort, packet.DestinationPort);
            Assert.Equal("this", System.Text.Encoding.ASCII.GetString(packet.Payload.Span));
            Assert.StartsWith($"captured live on loopback, port {watchedPort}", trace.Source, StringComparison.Ordinal);
            Assert.Contains("because it was stopped", trace.Source, StringComparison.Ordinal);
        }
    }

    [PeerFact(Peer.PacketCapture)]
    public async Task Capture_BusyPort_StopsAtItsPacketLimit()
    {
        var (server, port) = UdpServer(IPAddress.Loopback);
        using (server)
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            var capture = NetworkingLessons.Wire.Wire.Capture([port], new CaptureLimits(MaxPackets: 20));
            for (var i = 0; i < 500 && capture.IsCapturing; i++)
            {
                client.SendTo(new byte[100], server.LocalEndPoint!);
            }
            await WaitUntilAsync(() => !capture.IsCapturing, "the capture stops itself");

            Assert.Equal(20, capture.Packets.Count);
            Assert.Equal("it reached its limit of 20 packets", capture.StoppedBecause);
            Assert.Equal(20, capture.Stop().Count);
        }
    }

    [PeerFact(Peer.PacketCapture)]
    public async Task Capture_ByteLimit_StopsIt()
    {
        var (server, port) = UdpServer(IPAddress.Loopback);
        using (server)
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            var capture = NetworkingLessons.Wire.Wire.Capture([port], new CaptureLimits(MaxBytes: 5_000));
            for (var i = 0; i < 100 && capture.IsCapturing; i++)
            {
                client.SendTo(new byte[1000], server.LocalEndPoint!);
            }
            await WaitUntilAsync(() => !capture.IsCapturing, "the capture stops itself");

            Assert.Equal("it reached its limit of 5000 bytes", capture.StoppedBecause);
            Assert.Equal(5, capture.Packets.Count); // 1042 bytes each, with headers: the fifth passes 5000
        }
    }

    [PeerFact(Peer.PacketCapture)]
    public async Task Capture_TimeLimit_StopsItByItself()
    {
        var capture = NetworkingLessons.Wire.Wire.Capture([9], new CaptureLimits(MaxDuration: TimeSpan.FromMilliseconds(200)));

        await WaitUntilAsync(() => !capture.IsCapturing, "the capture stops itself");

        Assert.Equal("it reached its time limit of 0.2 s", capture.StoppedBecause);
        var trace = capture.Stop();
        Assert.Empty(trace);
        Assert.EndsWith("no packet to or from port 9 went by", trace.Source, StringComparison.Ordinal);
        Assert.Contains("no packet to or from port 9 went by", trace.ToString(), StringComparison.Ordinal); // never a silent empty view
    }

    [PeerFact(Peer.PacketCapture)]
    public async Task Capture_IPv6_DecodesTheHeaderAndPorts()
    {
        var (server, port) = UdpServer(IPAddress.IPv6Loopback);
        using (server)
        using (var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp))
        {
            var capture = NetworkingLessons.Wire.Wire.Capture(port);
            client.SendTo("over six"u8, server.LocalEndPoint!);
            await WaitUntilAsync(() => capture.Packets.Count == 1, "the datagram is captured");
            var packet = Assert.Single(capture.Stop());

            Assert.Equal(IPAddress.IPv6Loopback, packet.IPv6!.Source);
            Assert.Equal(17, packet.IPv6.NextHeader);
            Assert.Equal(16, packet.IPv6.PayloadLength);
            Assert.Equal(port, packet.DestinationPort);
            Assert.Equal($"[::1]:{port}", packet.DestinationEndpoint);
            Assert.Contains(packet.Udp!.Checksum.State, new[] { ChecksumState.Correct, ChecksumState.Offloaded });
        }
    }

    [Fact]
    public void Capture_NoPorts_IsRefused()
    {
        Assert.Equal("ports", Assert.Throws<ArgumentException>(() => NetworkingLessons.Wire.Wire.Capture()).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkingLessons.Wire.Wire.Capture(70000));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkingLessons.Wire.Wire.Capture([80], new CaptureLimits(MaxPackets: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkingLessons.Wire.Wire.Capture([80], new CaptureLimits(MaxDuration: TimeSpan.FromHours(2))));
    }
}
