namespace NetworkingLessons.Jupyter;

/// <summary>One ZMTP frame as lesson 16 reads it off the wire: its flags byte, its body, and every byte it took.</summary>
/// <param name="Flags">Bit 0 MORE, bit 1 LONG, bit 2 COMMAND.</param>
/// <param name="Body">The frame's content.</param>
/// <param name="Raw">The frame as it arrived: flags, size, body.</param>
public sealed record ZmtpWireFrame(byte Flags, byte[] Body, byte[] Raw)
{
    /// <summary>Another frame of the same message follows.</summary>
    public bool More => (Flags & ZmtpFlags.More) != 0;

    /// <summary>A command (READY, SUBSCRIBE, PING…), not message data.</summary>
    public bool IsCommand => (Flags & ZmtpFlags.Command) != 0;
}
