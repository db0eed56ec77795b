namespace NetworkingLessons.ByteOrder;

/// <summary>A struct format string that cannot be read; the message quotes it and points at the problem.</summary>
public sealed class StructFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="format"/>.</summary>
    public StructFormatException(string format, int position, string problem)
        : base($"Struct format '{format}', position {position}: {problem}")
    {
        Format = format;
        Position = position;
    }

    /// <summary>The format string.</summary>
    public string Format { get; }

    /// <summary>Where in it the problem is, 0-based.</summary>
    public int Position { get; }
}
