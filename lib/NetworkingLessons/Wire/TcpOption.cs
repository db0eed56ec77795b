using System.Buffers.Binary;
using System.Globalization;

namespace NetworkingLessons.Wire;

/// <summary>One TCP option (RFC 9293 §3.2, RFC 7323, RFC 2018), as tcpdump prints it: <c>mss 65495</c>, <c>wscale 10</c>.</summary>
/// <param name="Kind">The option's kind: 0 end, 1 no-op, 2 MSS, 3 window scale, 4 SACK permitted, 5 SACK, 8 timestamps.</param>
/// <param name="Value">Its bytes after kind and length.</param>
public sealed record TcpOption(byte Kind, ReadOnlyMemory<byte> Value)
{
    /// <summary>The maximum segment size, for kind 2.</summary>
    public ushort? MaximumSegmentSize => Kind == 2 && Value.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(Value.Span) : null;

    /// <summary>The window scale shift, for kind 3.</summary>
    public byte? WindowScale => Kind == 3 && Value.Length == 1 ? Value.Span[0] : null;

    /// <summary>The timestamp value and echo reply, for kind 8.</summary>
    public (uint Value, uint Echo)? Timestamps => Kind == 8 && Value.Length == 8
        ? (BinaryPrimitives.ReadUInt32BigEndian(Value.Span), BinaryPrimitives.ReadUInt32BigEndian(Value.Span[4..]))
        : null;

    /// <summary>The option as tcpdump writes it.</summary>
    public override string ToString() => Kind switch
    {
        0 => "eol",
        1 => "nop",
        2 when MaximumSegmentSize is { } mss => $"mss {mss.ToString(CultureInfo.InvariantCulture)}",
        3 when WindowScale is { } scale => $"wscale {scale.ToString(CultureInfo.InvariantCulture)}",
        4 => "sackOK",
        5 => $"sack {Value.Length / 8} " + string.Join("", Enumerable.Range(0, Value.Length / 8).Select(i =>
            $"{{{BinaryPrimitives.ReadUInt32BigEndian(Value.Span[(8 * i)..])}:{BinaryPrimitives.ReadUInt32BigEndian(Value.Span[(8 * i + 4)..])}}}")),
        8 when Timestamps is var (value, echo) => $"TS val {value.ToString(CultureInfo.InvariantCulture)} ecr {echo.ToString(CultureInfo.InvariantCulture)}",
        _ => $"unknown-{Kind.ToString(CultureInfo.InvariantCulture)} 0x{Convert.ToHexStringLower(Value.Span)}",
    };

    /// <summary>Two options are equal when they have the same kind and bytes.</summary>
    public bool Equals(TcpOption? other) => other is not null && Kind == other.Kind && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value.Length);
}
