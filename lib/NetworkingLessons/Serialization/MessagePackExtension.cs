namespace NetworkingLessons.Serialization;

/// <summary>An extension value: an application's type number (0 to 127; negative numbers are the format's own) and its bytes.</summary>
/// <param name="Type">The extension's type.</param>
/// <param name="Data">Its bytes.</param>
public sealed record MessagePackExtension(sbyte Type, ReadOnlyMemory<byte> Data)
{
    /// <summary>Equal when the types and the bytes are.</summary>
    public bool Equals(MessagePackExtension? other) => other is not null && Type == other.Type && Data.Span.SequenceEqual(other.Data.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Data.Length);

    /// <summary>"ext 1: 10-20".</summary>
    public override string ToString() => $"ext {Type}: {BitConverter.ToString(Data.ToArray())}";
}
