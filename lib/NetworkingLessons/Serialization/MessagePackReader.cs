using System.Buffers.Binary;
using System.Text;

namespace NetworkingLessons.Serialization;

/// <summary>
/// Reads MessagePack values from bytes, one at a time, for bytes from anyone: every header is
/// checked against what remains before anything is allocated (an array cannot claim more
/// elements than there are bytes left, a string more bytes than there are), 0xc1 and truncated
/// input are refused, text must be valid UTF-8, and <see cref="Skip"/> stops at a depth limit.
/// Every refusal is a <see cref="MessagePackFormatException"/> with the offset. Nothing is
/// allocated per value beyond the strings and byte arrays it returns.
/// </summary>
public ref struct MessagePackReader
{
    /// <summary>The default limit on nesting (arrays and maps within each other).</summary>
    public const int DefaultMaxDepth = 64;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;

    /// <summary>A reader at the start of <paramref name="data"/>.</summary>
    public MessagePackReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    /// <summary>How many bytes have been read.</summary>
    public int Position { get; private set; }

    /// <summary>How many bytes are left.</summary>
    public readonly int Remaining => _data.Length - Position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => Position == _data.Length;

    /// <summary>The kind of the next value, without reading it.</summary>
    /// <exception cref="MessagePackFormatException">No bytes are left, or the next byte is 0xc1, which the format never uses.</exception>
    public readonly MessagePackType NextType
    {
        get
        {
            if (End)
            {
                throw new MessagePackFormatException("The input ended where a value was due", Position);
            }
            return _data[Position] switch
            {
                <= 0x7f or >= 0xe0 => MessagePackType.Integer,
                <= 0x8f => MessagePackType.Map,
                <= 0x9f => MessagePackType.Array,
                <= 0xbf => MessagePackType.String,
                0xc0 => MessagePackType.Nil,
                0xc1 => throw new MessagePackFormatException("0xc1 is never used in MessagePack", Position),
                0xc2 or 0xc3 => MessagePackType.Boolean,
                0xc4 or 0xc5 or 0xc6 => MessagePackType.Binary,
                0xc7 or 0xc8 or 0xc9 => MessagePackType.Extension,
                0xca or 0xcb => MessagePackType.Float,
                <= 0xd3 => MessagePackType.Integer,
                <= 0xd8 => MessagePackType.Extension,
                0xd9 or 0xda or 0xdb => MessagePackType.String,
                0xdc or 0xdd => MessagePackType.Array,
                _ => MessagePackType.Map, // 0xde, 0xdf
            };
        }
    }

    /// <summary>Reads a nil if that is next; true when it did.</summary>
    public bool TryReadNil()
    {
        if (!End && _data[Position] == 0xc0)
        {
            Position++;
            return true;
        }
        return false;
    }

    /// <summary>Reads a nil.</summary>
    public void ReadNil()
    {
        if (!TryReadNil())
        {
            throw Expected("nil");
        }
    }

    /// <summary>Reads true or false.</summary>
    public bool ReadBoolean()
    {
        var code = Peek("a boolean");
        if (code is not (0xc2 or 0xc3))
        {
            throw Expected("a boolean");
        }
        Position++;
        return code == 0xc3;
    }

    /// <summary>Reads an integer of any form as a signed 64-bit number.</summary>
    /// <exception cref="MessagePackFormatException">It is not an integer, or is a uint 64 above <see cref="long.MaxValue"/>.</exception>
    public long ReadInt64()
    {
        var at = Position;
        var (negative, magnitude) = ReadInteger();
        if (negative)
        {
            return (long)magnitude;
        }
        return magnitude <= long.MaxValue ? (long)magnitude
            : throw new MessagePackFormatException($"The integer {magnitude} is larger than a signed 64-bit number holds", at);
    }

    /// <summary>Reads a non-negative integer of any form as an unsigned 64-bit number.</summary>
    /// <exception cref="MessagePackFormatException">It is not an integer, or is negative.</exception>
    public ulong ReadUInt64()
    {
        var at = Position;
        var (negative, value) = ReadInteger();
        return negative ? throw new MessagePackFormatException($"The integer {(long)value} is negative where an unsigned one was expected", at) : value;
    }

    /// <summary>
    /// Reads an integer: whether it was a signed form holding a negative value, and its 64 bits
    /// (a negative value as its two's complement).
    /// </summary>
    public (bool Negative, ulong Bits) ReadInteger()
    {
        var code = Peek("an integer");
        switch (code)
        {
            case <= 0x7f:
                Position++;
                return (false, code);
            case >= 0xe0:
                Position++;
                return (true, unchecked((ulong)(sbyte)code));
            case 0xcc:
                return (false, Body(1, "uint 8")[0]);
            case 0xcd:
                return (false, BinaryPrimitives.ReadUInt16BigEndian(Body(2, "uint 16")));
            case 0xce:
                return (false, BinaryPrimitives.ReadUInt32BigEndian(Body(4, "uint 32")));
            case 0xcf:
                return (false, BinaryPrimitives.ReadUInt64BigEndian(Body(8, "uint 64")));
            case 0xd0:
                return Signed((sbyte)Body(1, "int 8")[0]);
            case 0xd1:
                return Signed(BinaryPrimitives.ReadInt16BigEndian(Body(2, "int 16")));
            case 0xd2:
                return Signed(BinaryPrimitives.ReadInt32BigEndian(Body(4, "int 32")));
            case 0xd3:
                return Signed(BinaryPrimitives.ReadInt64BigEndian(Body(8, "int 64")));
            default:
                throw Expected("an integer");
        }

        static (bool, ulong) Signed(long value) => (value < 0, unchecked((ulong)value));
    }

    /// <summary>Reads a float 32 or 64, or an integer, as a double.</summary>
    public double ReadDouble()
    {
        var code = Peek("a number");
        if (code == 0xca)
        {
            return BinaryPrimitives.ReadSingleBigEndian(Body(4, "float 32"));
        }
        if (code == 0xcb)
        {
            return BinaryPrimitives.ReadDoubleBigEndian(Body(8, "float 64"));
        }
        if (NextType != MessagePackType.Integer)
        {
            throw Expected("a number");
        }
        var (negative, bits) = ReadInteger();
        return negative ? (long)bits : bits;
    }

    /// <summary>Reads a string (or nil, as null).</summary>
    /// <exception cref="MessagePackFormatException">It is something else, claims more bytes than remain, or is not valid UTF-8.</exception>
    public string? ReadString()
    {
        if (TryReadNil())
        {
            return null;
        }
        var at = Position;
        var bytes = ReadStringBytes();
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MessagePackFormatException($"The string is not valid UTF-8 (byte {ex.Index} of its text)", at);
        }
    }

    /// <summary>The bytes of a string, undecoded: a slice of the input, nothing allocated.</summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        var code = Peek("a string");
        int length;
        if (code is >= 0xa0 and <= 0xbf)
        {
            Position++;
            length = code & 0x1f;
        }
        else
        {
            length = code switch
            {
                0xd9 => Body(1, "str 8")[0],
                0xda => BinaryPrimitives.ReadUInt16BigEndian(Body(2, "str 16")),
                0xdb => Length(BinaryPrimitives.ReadUInt32BigEndian(Body(4, "str 32")), "str 32"),
                _ => throw Expected("a string"),
            };
        }
        return Body(length, "string", header: false);
    }

    /// <summary>Reads a bin 8, 16 or 32 (or nil, as null).</summary>
    public byte[]? ReadBinary()
    {
        if (TryReadNil())
        {
            return null;
        }
        var code = Peek("binary");
        var length = code switch
        {
            0xc4 => Body(1, "bin 8")[0],
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Body(2, "bin 16")),
            0xc6 => Length(BinaryPrimitives.ReadUInt32BigEndian(Body(4, "bin 32")), "bin 32"),
            _ => throw Expected("binary"),
        };
        return Body(length, "binary", header: false).ToArray();
    }

    /// <summary>Reads an array's header: how many values follow.</summary>
    /// <exception cref="MessagePackFormatException">It is not an array, or claims more values than there are bytes left.</exception>
    public int ReadArrayHeader()
    {
        var at = Position;
        var code = Peek("an array");
        int count;
        if (code is >= 0x90 and <= 0x9f)
        {
            Position++;
            count = code & 0x0f;
        }
        else
        {
            count = code switch
            {
                0xdc => BinaryPrimitives.ReadUInt16BigEndian(Body(2, "array 16")),
                0xdd => Count(BinaryPrimitives.ReadUInt32BigEndian(Body(4, "array 32")), at),
                _ => throw Expected("an array"),
            };
        }
        // Each value takes at least a byte: a header cannot honestly claim more than remain.
        return count <= Remaining ? count
            : throw new MessagePackFormatException($"An array claims {count:N0} values, but only {Remaining:N0} bytes remain", at);
    }

    /// <summary>Reads a map's header: how many key-value pairs follow.</summary>
    /// <exception cref="MessagePackFormatException">It is not a map, or claims more pairs than the bytes left could hold.</exception>
    public int ReadMapHeader()
    {
        var at = Position;
        var code = Peek("a map");
        int count;
        if (code is >= 0x80 and <= 0x8f)
        {
            Position++;
            count = code & 0x0f;
        }
        else
        {
            count = code switch
            {
                0xde => BinaryPrimitives.ReadUInt16BigEndian(Body(2, "map 16")),
                0xdf => Count(BinaryPrimitives.ReadUInt32BigEndian(Body(4, "map 32")), at),
                _ => throw Expected("a map"),
            };
        }
        return count <= Remaining / 2 ? count
            : throw new MessagePackFormatException($"A map claims {count:N0} pairs, but only {Remaining:N0} bytes remain", at);
    }

    /// <summary>Reads an extension's header: its type and the length of its data, which follows (<see cref="ReadExtension"/> reads both).</summary>
    public (sbyte Type, int Length) ReadExtensionHeader()
    {
        var code = Peek("an extension");
        var length = code switch
        {
            0xd4 => Skip1(1),
            0xd5 => Skip1(2),
            0xd6 => Skip1(4),
            0xd7 => Skip1(8),
            0xd8 => Skip1(16),
            0xc7 => Body(1, "ext 8")[0],
            0xc8 => BinaryPrimitives.ReadUInt16BigEndian(Body(2, "ext 16")),
            0xc9 => Length(BinaryPrimitives.ReadUInt32BigEndian(Body(4, "ext 32")), "ext 32"),
            _ => throw Expected("an extension"),
        };
        var type = unchecked((sbyte)Body(1, "extension type", header: false)[0]);
        if (length > Remaining)
        {
            throw new MessagePackFormatException($"An extension claims {length:N0} bytes, but only {Remaining:N0} remain", Position);
        }
        return (type, length);
    }

    /// <summary>Reads an extension: its type and its data.</summary>
    public (sbyte Type, byte[] Data) ReadExtension()
    {
        var (type, length) = ReadExtensionHeader();
        return (type, Body(length, "extension data", header: false).ToArray());
    }

    /// <summary>Reads a timestamp extension (type −1) in any of its three forms.</summary>
    /// <exception cref="MessagePackFormatException">It is another extension, its length is not 4, 8 or 12, or its nanoseconds are 1,000,000,000 or more.</exception>
    public (long Seconds, uint Nanoseconds) ReadTimestampParts()
    {
        var at = Position;
        var (type, length) = ReadExtensionHeader();
        if (type != MessagePackWriter.TimestampType)
        {
            throw new MessagePackFormatException($"An extension of type {type} where a timestamp (type -1) was expected", at);
        }
        var data = Body(length, "timestamp", header: false);
        var (seconds, nanoseconds) = length switch
        {
            4 => (BinaryPrimitives.ReadUInt32BigEndian(data), 0u),
            8 => ((long)(BinaryPrimitives.ReadUInt64BigEndian(data) & 0x3_ffff_ffffUL), (uint)(BinaryPrimitives.ReadUInt64BigEndian(data) >> 34)),
            12 => (BinaryPrimitives.ReadInt64BigEndian(data[4..]), BinaryPrimitives.ReadUInt32BigEndian(data)),
            _ => throw new MessagePackFormatException($"A timestamp of {length} bytes; it has 4, 8 or 12", at),
        };
        return nanoseconds <= 999_999_999 ? (seconds, nanoseconds)
            : throw new MessagePackFormatException($"A timestamp with {nanoseconds:N0} nanoseconds; a second has 999,999,999 at most", at);
    }

    /// <summary>Reads a timestamp as a point in time, to the tick (100 ns; finer nanoseconds are dropped).</summary>
    /// <exception cref="MessagePackFormatException">As <see cref="ReadTimestampParts"/>, or it is outside what <see cref="DateTimeOffset"/> holds (years 1 to 9999).</exception>
    public DateTimeOffset ReadTimestamp()
    {
        var at = Position;
        var (seconds, nanoseconds) = ReadTimestampParts();
        const long MinSeconds = -62_135_596_800, MaxSeconds = 253_402_300_799;
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            throw new MessagePackFormatException($"The timestamp {seconds:N0} s is outside the years 1 to 9999", at);
        }
        return DateTimeOffset.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100);
    }

    /// <summary>The deepest nesting <see cref="Skip"/> can be asked to allow.</summary>
    public const int MaxSkipDepth = 256;

    /// <summary>Skips the next value, arrays and maps with all they hold.</summary>
    /// <param name="maxDepth">How deep arrays and maps may nest, 0 (none) to <see cref="MaxSkipDepth"/>.</param>
    /// <exception cref="MessagePackFormatException">It is malformed, or nests deeper than <paramref name="maxDepth"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is negative or above <see cref="MaxSkipDepth"/>.</exception>
    public void Skip(int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, MaxSkipDepth);
        // Values still to skip at each open level; no recursion, so no stack to exhaust.
        Span<long> pending = stackalloc long[maxDepth + 1];
        var depth = 0;
        pending[0] = 1;
        while (depth >= 0)
        {
            if (pending[depth] == 0)
            {
                depth--;
                continue;
            }
            pending[depth]--;
            var at = Position;
            switch (NextType)
            {
                case MessagePackType.Array or MessagePackType.Map:
                    var map = NextType == MessagePackType.Map;
                    long count = map ? 2L * ReadMapHeader() : ReadArrayHeader();
                    if (count > 0)
                    {
                        if (depth + 1 > maxDepth)
                        {
                            throw new MessagePackFormatException($"Arrays and maps nest deeper than {maxDepth} levels", at);
                        }
                        pending[++depth] = count;
                    }
                    break;
                case MessagePackType.String:
                    ReadStringBytes();
                    break;
                case MessagePackType.Binary:
                    ReadBinaryLengthAndSkip();
                    break;
                case MessagePackType.Extension:
                    var (_, length) = ReadExtensionHeader();
                    Body(length, "extension data", header: false);
                    break;
                case MessagePackType.Float:
                    ReadDouble();
                    break;
                case MessagePackType.Integer:
                    ReadInteger();
                    break;
                case MessagePackType.Boolean:
                    ReadBoolean();
                    break;
                default:
                    ReadNil();
                    break;
            }
        }
    }

    private void ReadBinaryLengthAndSkip()
    {
        var code = Peek("binary");
        var length = code switch
        {
            0xc4 => Body(1, "bin 8")[0],
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Body(2, "bin 16")),
            _ => Length(BinaryPrimitives.ReadUInt32BigEndian(Body(4, "bin 32")), "bin 32"),
        };
        Body(length, "binary", header: false);
    }

    private readonly byte Peek(string what) =>
        End ? throw new MessagePackFormatException($"The input ended where {what} was due", Position) : _data[Position];

    private int Skip1(int length)
    {
        Position++;
        return length;
    }

    // The `length` bytes after the format byte (header: true) or at the position (header: false).
    private ReadOnlySpan<byte> Body(int length, string what, bool header = true)
    {
        var at = Position;
        var start = Position + (header ? 1 : 0);
        if (length > _data.Length - start)
        {
            throw new MessagePackFormatException($"The input ends inside a {what}: it needs {length:N0} bytes and {Math.Max(0, _data.Length - start):N0} remain", at);
        }
        Position = start + length;
        return _data.Slice(start, length);
    }

    // A 32-bit length must fit what remains; checked before anything is allocated for it.
    private readonly int Length(uint length, string what) =>
        length <= (uint)Remaining ? (int)length
            : throw new MessagePackFormatException($"A {what} claims {length:N0} bytes, but only {Remaining:N0} remain", Position - 5);

    private readonly int Count(uint count, int at) =>
        count <= (uint)Remaining ? (int)count
            : throw new MessagePackFormatException($"A header claims {count:N0} elements, but only {Remaining:N0} bytes remain", at);

    private readonly MessagePackFormatException Expected(string what) =>
        End ? new MessagePackFormatException($"The input ended where {what} was due", Position)
            : new MessagePackFormatException($"Expected {what}, found {Describe(_data[Position])} (0x{_data[Position]:x2})", Position);

    private static string Describe(byte code) => code switch
    {
        <= 0x7f or >= 0xe0 => "an integer",
        <= 0x8f => "a map",
        <= 0x9f => "an array",
        <= 0xbf => "a string",
        0xc0 => "nil",
        0xc1 => "the unused byte",
        0xc2 or 0xc3 => "a boolean",
        0xc4 or 0xc5 or 0xc6 => "binary",
        0xca or 0xcb => "a float",
        <= 0xd3 and >= 0xcc => "an integer",
        0xd9 or 0xda or 0xdb => "a string",
        0xdc or 0xdd => "an array",
        0xde or 0xdf => "a map",
        _ => "an extension",
    };
}
