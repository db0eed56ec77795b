using System.Text;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// The 64-byte greeting each side of a ZMTP 3.x connection sends first (RFC 23 and 37): a
/// signature (<c>FF</c>, 8 padding bytes, <c>7F</c>), the version, the security mechanism, the
/// as-server flag and filler.
/// </summary>
public sealed record ZmtpGreeting(byte Major, byte Minor, string Mechanism, bool AsServer)
{
    /// <summary>A greeting's length in bytes.</summary>
    public const int Length = 64;

    /// <summary>What this kernel sends: ZMTP 3.1, the NULL mechanism, as-server 0 (NULL has no server side).</summary>
    public static ZmtpGreeting Ours { get; } = new(3, 1, "NULL", false);

    /// <summary>The greeting's 64 bytes. Padding and filler are zero, as libzmq expects of a NULL greeting.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        bytes[0] = 0xFF;
        bytes[9] = 0x7F;
        bytes[10] = Major;
        bytes[11] = Minor;
        Encoding.ASCII.GetBytes(Mechanism, bytes.AsSpan(12, 20));
        bytes[32] = AsServer ? (byte)1 : (byte)0;
        return bytes;
    }

    /// <summary>
    /// Reads a peer's greeting. The padding is not checked (libzmq puts a length there); any 3.x
    /// version is accepted, as RFC 37 requires of a peer that speaks a lower minor version.
    /// </summary>
    /// <exception cref="ZmtpProtocolException">Not a ZMTP 3 greeting, or a mechanism other than NULL.</exception>
    public static ZmtpGreeting Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ZmtpProtocolException($"ZMTP greeting: {bytes.Length} bytes, expected {Length}.");
        }
        if (bytes[0] != 0xFF || bytes[9] != 0x7F)
        {
            throw new ZmtpProtocolException($"ZMTP greeting: signature bytes 0 and 9 are 0x{bytes[0]:X2} and 0x{bytes[9]:X2}, expected 0xFF and 0x7F (not a ZMTP 3 peer).");
        }
        if (bytes[10] < 3)
        {
            throw new ZmtpProtocolException($"ZMTP greeting: byte 10 says version {bytes[10]}, and this kernel speaks ZMTP 3 only.");
        }
        var field = bytes.Slice(12, 20);
        var end = field.IndexOf((byte)0);
        var mechanism = Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
        if (mechanism != "NULL")
        {
            throw new ZmtpProtocolException($"ZMTP greeting: bytes 12-31 name the mechanism \"{mechanism}\"; this kernel offers NULL only.");
        }
        return new ZmtpGreeting(bytes[10], bytes[11], mechanism, bytes[32] != 0);
    }
}
