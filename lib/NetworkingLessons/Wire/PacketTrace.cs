using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;

namespace NetworkingLessons.Wire;

/// <summary>
/// Packets from a capture or a file, decoded, with where they came from (live, recorded, a file)
/// always said. Shows as a packet list like Wireshark's (number, time, source, destination,
/// protocol, length, info), with TCP sequence and acknowledgement numbers relative to each
/// connection's start as Wireshark shows them; <see cref="Ladder"/> draws the exchange.
/// </summary>
public sealed class PacketTrace : IReadOnlyList<DecodedPacket>
{
    private readonly IReadOnlyList<DecodedPacket> _decoded;
    private readonly Dictionary<(string From, string To), uint> _initialSequence = [];

    /// <summary>A trace of <paramref name="packets"/>, with a sentence saying where they came from.</summary>
    public PacketTrace(IReadOnlyList<CapturedPacket> packets, string source)
    {
        ArgumentNullException.ThrowIfNull(packets);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Captured = packets;
        Source = source;
        _decoded = [.. packets.Select((p, i) => PacketDecoder.Decode(p, i + 1))];
        foreach (var packet in _decoded.Where(p => p.Tcp is not null))
        {
            _initialSequence.TryAdd((packet.SourceEndpoint, packet.DestinationEndpoint), packet.Tcp!.Sequence);
        }
    }

    /// <summary>Where the packets came from: "captured live on loopback…", "recorded earlier…", a file.</summary>
    public string Source { get; }

    /// <summary>The packets as captured.</summary>
    public IReadOnlyList<CapturedPacket> Captured { get; }

    /// <inheritdoc />
    public int Count => _decoded.Count;

    /// <summary>The packet at <paramref name="index"/>, counted from 0 (Wireshark's number is one more).</summary>
    public DecodedPacket this[int index] => _decoded[index];

    /// <summary>The packet Wireshark would number <paramref name="number"/>, from 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such packet.</exception>
    public DecodedPacket Packet(int number)
    {
        if (number < 1 || number > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, Count == 0 ? "The trace holds no packets." : $"The trace holds packets 1 to {Count}.");
        }
        return _decoded[number - 1];
    }

    /// <summary>The same packets with another sentence about where they came from.</summary>
    public PacketTrace Marked(string source) => new(Captured, source);

    /// <summary>The packets that match <paramref name="keep"/>, in a trace of their own (relative numbers start again from the first kept).</summary>
    public PacketTrace Where(Func<DecodedPacket, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return new PacketTrace([.. _decoded.Where(keep).Select(p => p.Packet)], Source);
    }

    /// <summary>Seconds since the first packet.</summary>
    public double Seconds(DecodedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return Count == 0 ? 0 : (packet.Packet.Timestamp - _decoded[0].Packet.Timestamp).TotalSeconds;
    }

    /// <summary>A TCP packet's sequence and acknowledgement numbers relative to the start of each direction, as Wireshark shows them.</summary>
    /// <exception cref="ArgumentException">The packet is not TCP.</exception>
    public (uint Sequence, uint? Acknowledgment) Relative(DecodedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var tcp = packet.Tcp ?? throw new ArgumentException($"Packet {packet.Number} is not TCP.", nameof(packet));
        var sequence = tcp.Sequence - _initialSequence[(packet.SourceEndpoint, packet.DestinationEndpoint)];
        uint? acknowledgment = tcp.Flags.HasFlag(TcpFlags.Ack) && _initialSequence.TryGetValue((packet.DestinationEndpoint, packet.SourceEndpoint), out var other)
            ? tcp.Acknowledgment - other
            : null;
        return (sequence, acknowledgment);
    }

    /// <summary>What Wireshark's Info column says of a packet.</summary>
    public string Info(DecodedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.PayloadInfo is { } info)
        {
            return info;
        }
        if (packet.Tcp is { } tcp)
        {
            var (sequence, acknowledgment) = Relative(packet);
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{tcp.SourcePort} → {tcp.DestinationPort} [{tcp.FlagNames}] Seq={sequence}");
            if (acknowledgment is { } ack)
            {
                text.Append(CultureInfo.InvariantCulture, $" Ack={ack}");
            }
            text.Append(CultureInfo.InvariantCulture, $" Win={tcp.Window} Len={tcp.PayloadLength}");
            foreach (var option in tcp.Options)
            {
                text.Append(option switch
                {
                    { MaximumSegmentSize: { } mss } => $" MSS={mss}",
                    { WindowScale: { } scale } => $" WS={1 << Math.Min((int)scale, 14)}",
                    { Kind: 4 } => " SACK_PERM",
                    { Timestamps: var (value, echo) } => $" TSval={value} TSecr={echo}",
                    _ => "",
                });
            }
            return text.ToString();
        }
        if (packet.Udp is { } udp)
        {
            return $"{udp.SourcePort} → {udp.DestinationPort} Len={udp.PayloadLength}";
        }
        return packet.Problem ?? packet.Protocol;
    }

    /// <summary>One row of the packet list.</summary>
    /// <param name="No">The packet's number.</param>
    /// <param name="Time">Seconds since the first packet.</param>
    /// <param name="Source">Who sent it.</param>
    /// <param name="Destination">Who it was for.</param>
    /// <param name="Protocol">Its highest protocol.</param>
    /// <param name="Length">Its length on the wire, in bytes.</param>
    /// <param name="Info">What it is, as Wireshark says.</param>
    public sealed record ListRow(int No, string Time, string Source, string Destination, string Protocol, int Length, string Info);

    /// <summary>The packet list, one row per packet.</summary>
    public IReadOnlyList<ListRow> List() =>
        [.. _decoded.Select(p => new ListRow(p.Number, Seconds(p).ToString("0.000000", CultureInfo.InvariantCulture),
            p.Source?.ToString() ?? "?", p.Destination?.ToString() ?? "?", p.Protocol, p.Packet.OriginalLength, Info(p)))];

    /// <summary>A ladder diagram of the exchange, drawn from these packets.</summary>
    public LadderDiagram Ladder() => new(this);

    /// <summary>Saves the packets as a pcap file, for tcpdump or Wireshark.</summary>
    public void Save(string path) => PcapFile.Write(path, Captured);

    /// <summary>The packet list, and where the packets came from.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle()
    {
        var table = Display.Table.Of(List()).WithCellLimit(120).ToMimeBundle();
        var note = Count == 0 ? Source : $"{Count} packet{(Count == 1 ? "" : "s")}, {Source.TrimEnd('.')}.";
        return new Dictionary<string, string>
        {
            ["text/plain"] = $"{note}\n{table["text/plain"]}",
            ["text/html"] = $"<p><i>{WebUtility.HtmlEncode(note)}</i></p>{(Count == 0 ? "" : table["text/html"])}",
        };
    }

    /// <inheritdoc />
    public override string ToString() => ToMimeBundle()["text/plain"];

    /// <inheritdoc />
    public IEnumerator<DecodedPacket> GetEnumerator() => _decoded.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
