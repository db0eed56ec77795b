namespace NetworkingLessons.Time;

/// <summary>Bytes that are not an NTP packet: too short, or a field out of range. The message says which.</summary>
public sealed class NtpFormatException : FormatException
{
    /// <summary>Creates the exception with its message.</summary>
    public NtpFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public NtpFormatException()
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public NtpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
