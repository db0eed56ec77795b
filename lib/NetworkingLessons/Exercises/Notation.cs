namespace NetworkingLessons.Exercises;

/// <summary>How a check writes numbers in its messages: the notation the lesson uses for them.</summary>
public enum Notation
{
    /// <summary>As C# writes them: 1234, "text", [1, 2].</summary>
    Default,
    /// <summary>Hexadecimal at the width of the type: 0x04030201, 0x1F90 (bit patterns, byte orders).</summary>
    Hex,
    /// <summary>Binary in groups of eight: 0b11000000_10101000_00000000_00000001.</summary>
    Binary,
    /// <summary>A 32-bit number as the IPv4 address it stands for: 192.168.0.1.</summary>
    DottedQuad,
}
