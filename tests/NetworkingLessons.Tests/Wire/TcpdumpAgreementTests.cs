using System.Globalization;
using System.Text.RegularExpressions;
using NetworkingLessons.TestSupport;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

/// <summary>
/// Every field the library decodes agrees with Debian's tcpdump reading the same pcap file
/// (<c>tcpdump -r FILE -nn -tt -vv -S</c>), packet by packet; and tcpdump reads every file the
/// library writes without complaint.
/// </summary>
[Collection(nameof(RecordingTests))] // both play the SNTP recording on 127.0.0.1:123: one at a time
public sealed partial class TcpdumpAgreementTests : IDisposable
{
    private readonly TempFolder _temp = new("tcpdump");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<Recording> Recordings() => [.. Enum.GetValues<Recording>()];

    [PeerTheory(Peer.Tcpdump)]
    [MemberData(nameof(Recordings))]
    public async Task Recording_EveryDecodedFieldAgreesWithTcpdump(Recording recording)
    {
        await AssertAgreesAsync(NetworkingLessons.Wire.Wire.Recorded(recording));
    }

    [PeerTheory(Peer.Tcpdump, Peer.PacketCapture)]
    [MemberData(nameof(Recordings))]
    public async Task LiveCapture_EveryDecodedFieldAgreesWithTcpdump(Recording recording)
    {
        await AssertAgreesAsync(await RecordingScenarios.RecordAsync(recording));
    }

    private async Task AssertAgreesAsync(PacketTrace trace)
    {
        var path = _temp[$"trace-{Guid.NewGuid():N}.pcap"];
        trace.Save(path);

        var (code, stdout, stderr) = await Peers.RunAsync(Peers.Tcpdump!, ["-r", path, "-nn", "-tt", "-vv", "-S"]);

        Assert.True(code == 0, stderr);
        Assert.StartsWith($"reading from file {path}, link-type EN10MB (Ethernet)", stderr, StringComparison.Ordinal);
        // A packet is a line that starts with its time and the lines indented under it (two, or more for NTP).
        var packets = new List<List<string>>();
        foreach (var line in stdout.TrimEnd('\n').Split('\n'))
        {
            if (!char.IsWhiteSpace(line[0]))
            {
                packets.Add([]);
            }
            packets[^1].Add(line);
        }
        Assert.Equal(trace.Count, packets.Count);
        for (var i = 0; i < trace.Count; i++)
        {
            Agree(trace[i], packets[i][0], packets[i][1]);
            if (trace[i].PayloadProtocol == "NTP")
            {
                AgreeNtp(NetworkingLessons.Time.NtpPacket.Parse(trace[i].Payload.Span), trace[i].PayloadInfo!, packets[i]);
            }
        }
    }

    // tcpdump's NTP view: "NTPv4, Server, length 48", then the stratum, poll, precision, reference ID and timestamps.
    private static void AgreeNtp(NetworkingLessons.Time.NtpPacket ntp, string info, List<string> lines)
    {
        var text = string.Join("\n", lines);
        Assert.Contains($"NTPv{ntp.Version}, {ntp.Mode}, length 48", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"NTP Version {ntp.Version}, {ntp.Mode.ToString().ToLowerInvariant()}", info, StringComparison.Ordinal);
        Assert.Contains($"Leap indicator:  ({(int)ntp.Leap}), Stratum {ntp.Stratum} ", text, StringComparison.Ordinal);
        Assert.Contains($", poll {ntp.Poll} (", text, StringComparison.Ordinal);
        Assert.Contains($", precision {ntp.Precision}", text, StringComparison.Ordinal);
        Assert.Contains($"Reference-ID: {(ntp.ReferenceIdText.Length == 0 ? "(unspec)" : ntp.ReferenceIdText)}", text, StringComparison.Ordinal);
        foreach (var (name, t) in new[] { ("Reference Timestamp:  ", ntp.Reference), ("Originator Timestamp: ", ntp.Origin), ("Receive Timestamp:    ", ntp.Receive), ("Transmit Timestamp:   ", ntp.Transmit) })
        {
            var fraction = ((ulong)t.Fraction * 1_000_000_000UL >> 32).ToString("D9", CultureInfo.InvariantCulture);
            Assert.Contains($"{name}{t.Seconds}.{fraction}", text, StringComparison.Ordinal);
        }
    }

    private static void Agree(DecodedPacket packet, string ipLine, string transportLine)
    {
        var ip = IpLine().Match(ipLine);
        Assert.True(ip.Success, ipLine);
        var microseconds = (packet.Packet.Timestamp - DateTimeOffset.UnixEpoch).Ticks / 10;
        Assert.Equal($"{microseconds / 1_000_000}.{microseconds % 1_000_000:D6}", ip.Groups["time"].Value);
        var ipv4 = packet.IPv4!;
        Assert.Equal($"0x{ipv4.TypeOfService:x}", ip.Groups["tos"].Value);
        Assert.Equal(ipv4.TimeToLive.ToString(CultureInfo.InvariantCulture), ip.Groups["ttl"].Value);
        Assert.Equal(ipv4.Identification.ToString(CultureInfo.InvariantCulture), ip.Groups["id"].Value);
        Assert.Equal(ipv4.FragmentOffset.ToString(CultureInfo.InvariantCulture), ip.Groups["offset"].Value);
        Assert.Equal(ipv4.DontFragment ? "DF" : "none", ip.Groups["flags"].Value);
        Assert.Equal(ipv4.Protocol.ToString(CultureInfo.InvariantCulture), ip.Groups["proto"].Value);
        Assert.Equal(ipv4.TotalLength.ToString(CultureInfo.InvariantCulture), ip.Groups["length"].Value);
        Assert.Equal(ChecksumState.Correct, ipv4.HeaderChecksum.State); // tcpdump -vv says so when it is not

        if (packet.Tcp is { } tcp)
        {
            var t = TcpLine().Match(transportLine);
            Assert.True(t.Success, transportLine);
            Assert.Equal((ipv4.Source.ToString(), tcp.SourcePort.ToString(CultureInfo.InvariantCulture)), (t.Groups["src"].Value, t.Groups["sport"].Value));
            Assert.Equal((ipv4.Destination.ToString(), tcp.DestinationPort.ToString(CultureInfo.InvariantCulture)), (t.Groups["dst"].Value, t.Groups["dport"].Value));
            Assert.Equal(t.Groups["flags"].Value, tcp.FlagLetters);
            Checksums(tcp.Checksum, t.Groups["ck"].Value, t.Groups["right"].Success ? t.Groups["right"].Value : null);
            if (t.Groups["seq"].Success)
            {
                Assert.Equal(t.Groups["seq"].Value, tcp.Sequence.ToString(CultureInfo.InvariantCulture));
            }
            if (t.Groups["seqend"].Success)
            {
                Assert.Equal(t.Groups["seqend"].Value, (tcp.Sequence + (uint)tcp.PayloadLength).ToString(CultureInfo.InvariantCulture));
            }
            Assert.Equal(t.Groups["ack"].Success ? t.Groups["ack"].Value : null, tcp.Flags.HasFlag(TcpFlags.Ack) ? tcp.Acknowledgment.ToString(CultureInfo.InvariantCulture) : null);
            Assert.Equal(t.Groups["win"].Value, tcp.Window.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(t.Groups["opts"].Success ? t.Groups["opts"].Value : "", string.Join(",", tcp.Options));
            Assert.Equal(t.Groups["len"].Value, tcp.PayloadLength.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            var udp = packet.Udp!;
            var u = UdpLine().Match(transportLine);
            Assert.True(u.Success, transportLine);
            Assert.Equal((ipv4.Source.ToString(), udp.SourcePort.ToString(CultureInfo.InvariantCulture)), (u.Groups["src"].Value, u.Groups["sport"].Value));
            Assert.Equal((ipv4.Destination.ToString(), udp.DestinationPort.ToString(CultureInfo.InvariantCulture)), (u.Groups["dst"].Value, u.Groups["dport"].Value));
            if (u.Groups["ok"].Success)
            {
                Assert.Equal(ChecksumState.Correct, udp.Checksum.State);
            }
            else
            {
                Checksums(udp.Checksum, u.Groups["ck"].Value, u.Groups["right"].Value);
            }
            Assert.Equal(u.Groups["len"].Value, udp.PayloadLength.ToString(CultureInfo.InvariantCulture));
        }
    }

    // tcpdump: "cksum 0xfe30 (correct)" or "(incorrect -> 0x7a73)"; the library also tells an offloaded checksum from a wrong one.
    private static void Checksums(Checksum checksum, string stored, string? right)
    {
        Assert.Equal(stored, checksum.Stored.ToString("x4", CultureInfo.InvariantCulture));
        if (right is null)
        {
            Assert.Equal(ChecksumState.Correct, checksum.State);
            return;
        }
        Assert.True(checksum.State is ChecksumState.Offloaded or ChecksumState.Incorrect, checksum.ToString());
        Assert.Equal(right, checksum.Computed.ToString("x4", CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<time>\d+\.\d{6}) IP \(tos (?<tos>0x[0-9a-f]+), ttl (?<ttl>\d+), id (?<id>\d+), offset (?<offset>\d+), flags \[(?<flags>[^\]]*)\], proto \w+ \((?<proto>\d+)\), length (?<length>\d+)\)$")]
    private static partial Regex IpLine();

    [GeneratedRegex(@"^\s+(?<src>[\d.]+)\.(?<sport>\d+) > (?<dst>[\d.]+)\.(?<dport>\d+): Flags \[(?<flags>[^\]]+)\], cksum 0x(?<ck>[0-9a-f]{4}) \((correct|incorrect -> 0x(?<right>[0-9a-f]{4}))\), (seq (?<seq>\d+)(:(?<seqend>\d+))?, )?(ack (?<ack>\d+), )?win (?<win>\d+), (options \[(?<opts>[^\]]*)\], )?length (?<len>\d+)")]
    private static partial Regex TcpLine();

    [GeneratedRegex(@"^\s+(?<src>[\d.]+)\.(?<sport>\d+) > (?<dst>[\d.]+)\.(?<dport>\d+): \[((?<ok>udp sum ok)|bad udp cksum 0x(?<ck>[0-9a-f]{4}) -> 0x(?<right>[0-9a-f]{4})!)\] (UDP|NTPv\d, \w+), length (?<len>\d+)")]
    private static partial Regex UdpLine();
}
