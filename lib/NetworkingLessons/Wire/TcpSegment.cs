namespace NetworkingLessons.Wire;

/// <summary>A TCP header (RFC 9293 §3.1) and how much data followed it.</summary>
/// <param name="SourcePort">The sender's port.</param>
/// <param name="DestinationPort">The receiver's port.</param>
/// <param name="Sequence">The sequence number of the first data byte (of the SYN itself, on a SYN).</param>
/// <param name="Acknowledgment">The next sequence number the sender expects, when ACK is set.</param>
/// <param name="HeaderLength">Data offset × 4: 20 bytes without options.</param>
/// <param name="Flags">The control bits.</param>
/// <param name="Window">The receive window, before scaling.</param>
/// <param name="Checksum">The checksum over pseudo-header, header and data, checked.</param>
/// <param name="UrgentPointer">Where urgent data ends, when URG is set.</param>
/// <param name="Options">The options, in order.</param>
/// <param name="PayloadLength">How many data bytes the segment carries.</param>
public sealed record TcpSegment(ushort SourcePort, ushort DestinationPort, uint Sequence, uint Acknowledgment, int HeaderLength, TcpFlags Flags,
    ushort Window, Checksum Checksum, ushort UrgentPointer, IReadOnlyList<TcpOption> Options, int PayloadLength)
{
    /// <summary>The flags as tcpdump writes them: <c>S</c>, <c>S.</c>, <c>P.</c>, <c>F.</c>, <c>R</c>.</summary>
    public string FlagLetters
    {
        get
        {
            var letters = "";
            foreach (var (flag, letter) in new[] { (TcpFlags.Syn, "S"), (TcpFlags.Fin, "F"), (TcpFlags.Psh, "P"), (TcpFlags.Rst, "R"), (TcpFlags.Urg, "U"), (TcpFlags.Ece, "E"), (TcpFlags.Cwr, "W") })
            {
                if (Flags.HasFlag(flag))
                {
                    letters += letter;
                }
            }
            return (Flags.HasFlag(TcpFlags.Ack) ? letters + "." : letters) is { Length: > 0 } text ? text : "none";
        }
    }

    /// <summary>The flags as Wireshark names them: <c>SYN, ACK</c>.</summary>
    public string FlagNames => Flags == TcpFlags.None ? "<none>"
        : string.Join(", ", new[] { TcpFlags.Fin, TcpFlags.Syn, TcpFlags.Rst, TcpFlags.Psh, TcpFlags.Ack, TcpFlags.Urg, TcpFlags.Ece, TcpFlags.Cwr }
            .Where(f => Flags.HasFlag(f)).Select(f => f.ToString().ToUpperInvariant()));

    /// <summary>Two segments are equal when every field and option is.</summary>
    public bool Equals(TcpSegment? other) =>
        other is not null && (SourcePort, DestinationPort, Sequence, Acknowledgment, HeaderLength, Flags, Window, Checksum, UrgentPointer, PayloadLength)
            == (other.SourcePort, other.DestinationPort, other.Sequence, other.Acknowledgment, other.HeaderLength, other.Flags, other.Window, other.Checksum, other.UrgentPointer, other.PayloadLength)
        && Options.SequenceEqual(other.Options);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SourcePort, DestinationPort, Sequence, Flags);
}
