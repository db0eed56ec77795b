namespace NetworkingLessons.Wire;

/// <summary>A capture file that is not a pcap file, or is broken: the message names the file, the byte offset and what is wrong.</summary>
public sealed class PcapFormatException : Exception
{
    /// <summary>Creates the exception for the problem at <paramref name="offset"/> of <paramref name="source"/>.</summary>
    public PcapFormatException(string source, long offset, string problem)
        : base($"{source}, at byte {offset}: {problem}")
    {
        Source = source;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file (or other source) read.</summary>
    public new string Source { get; }

    /// <summary>Where in it the problem is.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }
}
