namespace NetworkingLessons.Display;

/// <summary>A named run of bytes in a hex dump, e.g. the 8-byte transmit timestamp of an NTP packet.</summary>
/// <param name="Offset">Where the field starts.</param>
/// <param name="Length">How many bytes it takes.</param>
/// <param name="Name">What the field is.</param>
/// <param name="Value">What it holds, decoded, if the caller wants to say.</param>
public sealed record ByteField(int Offset, int Length, string Name, string? Value = null);
