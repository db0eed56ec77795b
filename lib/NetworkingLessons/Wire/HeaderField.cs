namespace NetworkingLessons.Wire;

/// <summary>One field of a decoded header: where it sits in the packet's bytes, its name, and its value as text.</summary>
/// <param name="Layer">The header it belongs to: Ethernet, IPv4, IPv6, TCP, UDP, or a payload's protocol.</param>
/// <param name="Name">The field's name, as the RFC calls it.</param>
/// <param name="Offset">Its first byte, counted from the start of the captured packet.</param>
/// <param name="Length">How many bytes it takes (fields that share a byte are named together).</param>
/// <param name="Value">Its value, decoded.</param>
public sealed record HeaderField(string Layer, string Name, int Offset, int Length, string Value);
