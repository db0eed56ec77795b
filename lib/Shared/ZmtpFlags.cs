namespace NetworkingLessons;

/// <summary>
/// The bits of a ZMTP 3 frame's flags byte (RFC 23/ZMTP §"Framing"): the one owner of them, compiled
/// into the kernel (which speaks ZMTP) and the library (whose lesson reads it off the wire).
/// </summary>
internal static class ZmtpFlags
{
    /// <summary>Bit 0: another frame of the same message follows.</summary>
    public const byte More = 0x01;

    /// <summary>Bit 1: the size is 8 bytes, not 1.</summary>
    public const byte Long = 0x02;

    /// <summary>Bit 2: a command (READY, SUBSCRIBE, PING…), not message data.</summary>
    public const byte Command = 0x04;

    /// <summary>Bits 3–7, which must be zero.</summary>
    public const byte Reserved = 0xF8;
}
