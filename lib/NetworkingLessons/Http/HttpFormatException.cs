namespace NetworkingLessons.Http;

/// <summary>An HTTP response that breaks the protocol or a limit; the message says what, and where in the response.</summary>
public sealed class HttpFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words.</param>
    /// <param name="offset">How many bytes of the response came before the problem.</param>
    public HttpFormatException(string message, long offset)
        : base($"{message} (at byte {offset:N0} of the response)")
    {
        Offset = offset;
    }

    /// <summary>How many bytes of the response came before the problem.</summary>
    public long Offset { get; }
}
