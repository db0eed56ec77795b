namespace NetworkingLessons.Serialization;

/// <summary>The kinds of value in the MessagePack format.</summary>
public enum MessagePackType
{
    /// <summary>nil (0xc0).</summary>
    Nil,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>An integer, signed or unsigned, of any width.</summary>
    Integer,
    /// <summary>float 32 or float 64.</summary>
    Float,
    /// <summary>UTF-8 text.</summary>
    String,
    /// <summary>Bytes.</summary>
    Binary,
    /// <summary>A sequence of values.</summary>
    Array,
    /// <summary>Key-value pairs.</summary>
    Map,
    /// <summary>An application-defined type and its bytes (type −1 is the timestamp).</summary>
    Extension,
}
