namespace NetworkingLessons.Framing;

/// <summary>A frame whose header breaks the framing's rules: a length that is negative, not a number, or over the limit.</summary>
public sealed class FramingException : IOException
{
    /// <summary>Creates the exception with what is wrong, in words.</summary>
    public FramingException(string message)
        : base(message)
    {
    }
}
