namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>A peer broke ZMTP: a bad greeting, an unknown flag, a frame over the size cap, a handshake out of order. The message names the byte offset or the field.</summary>
public sealed class ZmtpProtocolException : Exception
{
    /// <summary>Creates the exception with a message that says what was wrong and where.</summary>
    public ZmtpProtocolException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public ZmtpProtocolException(string message, Exception inner) : base(message, inner)
    {
    }
}
