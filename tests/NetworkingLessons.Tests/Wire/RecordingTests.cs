using NetworkingLessons.TestSupport;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

/// <summary>
/// The recordings the library ships: each decodes to its exchange. Run with UPDATE_RECORDINGS=1,
/// as root, to record them again on this machine's loopback.
/// </summary>
[Collection(nameof(RecordingTests))] // both play the SNTP recording on 127.0.0.1:123: one at a time
public sealed class RecordingTests
{
    private static readonly string Folder = Path.Combine(CourseFiles.Root, "lib", "NetworkingLessons", "Wire", "Recordings");

    public static TheoryData<Recording> All() => [.. Enum.GetValues<Recording>()];

    [PeerTheory(Peer.PacketCapture)]
    [MemberData(nameof(All))]
    public async Task Scenario_PlayedLive_HasTheShapeOfItsRecording(Recording recording)
    {
        var live = await RecordingScenarios.RecordAsync(recording);
        if (Environment.GetEnvironmentVariable("UPDATE_RECORDINGS") == "1")
        {
            live.Save(Path.Combine(Folder, NetworkingLessons.Wire.Wire.RecordingFile(recording)));
        }

        // The kernel may or may not fold an ACK into the next segment; what carries data or flags must
        // match, bytes included. The relay's legs interleave as the scheduler has them: the same copies, in any order.
        var recorded = NetworkingLessons.Wire.Wire.Recorded(recording);
        var (expected, actual) = (Shape(recorded, withPayload: true).Where(s => s != "ACK"), Shape(live, withPayload: true).Where(s => s != "ACK"));
        if (recording == Recording.LossyRelay)
        {
            (expected, actual) = (expected.Order(), actual.Order());
        }
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Recorded_IsMarkedAsRecordedAndDecodesWhole(Recording recording)
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(recording);

        Assert.StartsWith("recorded earlier by the course's own tools on loopback", trace.Source, StringComparison.Ordinal);
        Assert.NotEmpty(trace);
        Assert.All(trace, p => Assert.Null(p.Problem));
    }

    [Fact]
    public void Recorded_TcpConnection_IsHandshakeDataAndClose()
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(Recording.TcpConnection);

        Assert.Equal(["SYN", "SYN, ACK", "ACK", "PSH, ACK", "ACK", "PSH, ACK", "ACK", "FIN, ACK", "FIN, ACK", "ACK"], Shape(trace));
        Assert.Equal(((uint)0, (uint?)null), trace.Relative(trace[0]));
        Assert.Equal(((uint)0, (uint?)1), trace.Relative(trace[1]));
        Assert.Equal("hello\n", System.Text.Encoding.ASCII.GetString(trace[3].Payload.Span));
    }

    [Fact]
    public void Recorded_SntpExchange_DecodesAsAnNtpRequestAndItsReply()
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(Recording.SntpExchange);

        Assert.Equal(["NTP", "NTP"], trace.Select(p => p.Protocol));
        Assert.Equal(["NTP Version 4, client", "NTP Version 4, server"], trace.Select(p => p.PayloadInfo));
        var request = NetworkingLessons.Time.NtpPacket.Parse(trace[0].Payload.Span);
        var reply = NetworkingLessons.Time.NtpPacket.Parse(trace[1].Payload.Span);
        Assert.Equal(request.Transmit, reply.Origin);
        Assert.Contains(trace[1].Fields, f => f.Layer == "NTP" && f.Name == "reference ID" && f.Value == "LOCL");
    }

    [Fact]
    public void Recorded_TcpReset_EndsInARst()
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(Recording.TcpReset);

        Assert.Equal("RST, ACK", trace[^1].Tcp!.FlagNames);
        Assert.DoesNotContain(trace, p => p.Tcp!.Flags.HasFlag(TcpFlags.Fin));
    }

    [Fact]
    public void Recorded_UdpExchange_IsARequestAndItsReply()
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(Recording.UdpExchange);

        Assert.Equal(2, trace.Count);
        Assert.Equal(trace[0].SourceEndpoint, trace[1].DestinationEndpoint);
        Assert.Equal("what time is it?", System.Text.Encoding.ASCII.GetString(trace[1].Payload.Span));
    }

    [Fact]
    public void Recorded_LossyRelay_ShowsEachDatagramOnFourLegsUnlessTheRelayDroppedOrDoubledIt()
    {
        var trace = NetworkingLessons.Wire.Wire.Recorded(Recording.LossyRelay);
        var copies = trace.GroupBy(p => System.Text.Encoding.ASCII.GetString(p.Payload.Span)).ToDictionary(g => g.Key, g => g.Count());

        // Client to relay, relay to server, server to relay, relay to client: four copies of a datagram nobody lost.
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"datagram {i}").Order(), copies.Keys.Order());
        Assert.Contains(copies.Values, n => n < 4);
        Assert.Contains(copies.Values, n => n > 4);
        Assert.All(trace, p => Assert.Equal("UDP", p.Protocol));
    }

    // Each packet's flags (TCP) or protocol, and with withPayload its bytes as text (not NTP's, which hold the time).
    private static List<string> Shape(PacketTrace trace, bool withPayload = false) =>
        [.. trace.Select(p => (p.Tcp?.FlagNames ?? p.Protocol) + (withPayload && p.Payload.Length > 0 && p.Protocol != "NTP" ? " " + System.Text.Encoding.ASCII.GetString(p.Payload.Span) : ""))];
}
