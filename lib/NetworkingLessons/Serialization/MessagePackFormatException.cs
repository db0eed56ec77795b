namespace NetworkingLessons.Serialization;

/// <summary>MessagePack bytes that break the format or a limit; the message says what, and at which byte.</summary>
public sealed class MessagePackFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words.</param>
    /// <param name="offset">The offset of the value or byte at fault.</param>
    public MessagePackFormatException(string message, long offset)
        : base($"{message} (at byte {offset:N0})")
    {
        Offset = offset;
    }

    /// <summary>The offset of the value or byte at fault.</summary>
    public long Offset { get; }
}
