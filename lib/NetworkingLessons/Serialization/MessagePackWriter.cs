using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NetworkingLessons.Serialization;

/// <summary>
/// Writes MessagePack values into an <see cref="IBufferWriter{T}"/>, each in the smallest form
/// the format has for it, as the reference implementations do. Nothing is allocated per value.
/// </summary>
/// <param name="output">Where the bytes go.</param>
public readonly struct MessagePackWriter(IBufferWriter<byte> output)
{
    /// <summary>The extension type of the timestamp.</summary>
    public const sbyte TimestampType = -1;

    private readonly IBufferWriter<byte> _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>nil.</summary>
    public void WriteNil() => WriteByte(0xc0);

    /// <summary>true or false.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    /// <summary>A signed integer: a fixint, or the narrowest int (or uint, for positive values) that holds it.</summary>
    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte(unchecked((byte)value)); // negative fixint
        }
        else if (value >= sbyte.MinValue)
        {
            var span = _output.GetSpan(2);
            span[0] = 0xd0;
            span[1] = unchecked((byte)value);
            _output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            var span = _output.GetSpan(3);
            span[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            _output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            var span = _output.GetSpan(5);
            span[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>An unsigned integer: a positive fixint, or the narrowest uint that holds it.</summary>
    public void WriteUInt64(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = 0xcc;
            span[1] = (byte)value;
            _output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            _output.Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            var span = _output.GetSpan(5);
            span[0] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>A float 32.</summary>
    public void WriteSingle(float value)
    {
        var span = _output.GetSpan(5);
        span[0] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
        _output.Advance(5);
    }

    /// <summary>A float 64.</summary>
    public void WriteDouble(double value)
    {
        var span = _output.GetSpan(9);
        span[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        _output.Advance(9);
    }

    /// <summary>A string as UTF-8, in a fixstr, str 8, 16 or 32; null writes nil.</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate, which UTF-8 cannot carry.</exception>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }
        WriteString(value.AsSpan());
    }

    /// <summary>Text as UTF-8, in a fixstr, str 8, 16 or 32.</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate, which UTF-8 cannot carry.</exception>
    public void WriteString(ReadOnlySpan<char> value)
    {
        int length;
        try
        {
            length = Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The text holds a lone surrogate at index {ex.Index}; UTF-8 cannot carry it.", nameof(value), ex);
        }
        if (length <= 31)
        {
            WriteByte((byte)(0xa0 | length));
        }
        else if (length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = 0xd9;
            span[1] = (byte)length;
            _output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = 0xda;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            _output.Advance(3);
        }
        else
        {
            var span = _output.GetSpan(5);
            span[0] = 0xdb;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            _output.Advance(5);
        }
        var body = _output.GetSpan(length);
        Strict.GetBytes(value, body);
        _output.Advance(length);
    }

    /// <summary>Bytes, in a bin 8, 16 or 32.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteLengthHeader(value.Length, 0xc4, 0xc5, 0xc6);
        Write(value);
    }

    /// <summary>The header of an array of <paramref name="count"/> values: a fixarray, array 16 or 32. The values follow.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(0x90 | count));
        }
        else
        {
            WriteCountHeader(count, 0xdc, 0xdd);
        }
    }

    /// <summary>The header of a map of <paramref name="count"/> pairs: a fixmap, map 16 or 32. Key, value, key, value follow.</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(0x80 | count));
        }
        else
        {
            WriteCountHeader(count, 0xde, 0xdf);
        }
    }

    /// <summary>An extension value: a fixext 1, 2, 4, 8 or 16 when its size allows, else an ext 8, 16 or 32.</summary>
    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        byte fixext = data.Length switch { 1 => 0xd4, 2 => 0xd5, 4 => 0xd6, 8 => 0xd7, 16 => 0xd8, _ => 0 };
        if (fixext != 0)
        {
            WriteByte(fixext);
        }
        else
        {
            WriteLengthHeader(data.Length, 0xc7, 0xc8, 0xc9);
        }
        WriteByte(unchecked((byte)type));
        Write(data);
    }

    /// <summary>The timestamp extension (type −1) in its smallest form: 32 bits of seconds, 64 bits of nanoseconds and seconds, or 96 bits.</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z.</param>
    /// <param name="nanoseconds">Nanoseconds within the second, 0 to 999,999,999.</param>
    public void WriteTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanoseconds, 999_999_999u);
        Span<byte> data = stackalloc byte[12];
        if (seconds >> 34 == 0)
        {
            var packed = ((ulong)nanoseconds << 34) | (ulong)seconds;
            if ((packed & 0xffffffff00000000UL) == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(data, (uint)packed);
                WriteExtension(TimestampType, data[..4]);
            }
            else
            {
                BinaryPrimitives.WriteUInt64BigEndian(data, packed);
                WriteExtension(TimestampType, data[..8]);
            }
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(data, nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(data[4..], seconds);
            WriteExtension(TimestampType, data);
        }
    }

    /// <summary>A point in time as the timestamp extension, to the tick (100 ns).</summary>
    public void WriteTimestamp(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        WriteTimestamp(seconds, (uint)(rest * 100));
    }

    /// <summary>Bytes already in MessagePack form, as they are.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded) => Write(encoded);

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The length of a span: never negative.
    private void WriteLengthHeader(int length, byte form8, byte form16, byte form32)
    {
        if (length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = form8;
            span[1] = (byte)length;
            _output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = form16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            _output.Advance(3);
        }
        else
        {
            var span = _output.GetSpan(5);
            span[0] = form32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            _output.Advance(5);
        }
    }

    private void WriteCountHeader(int count, byte form16, byte form32)
    {
        if (count <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = form16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            _output.Advance(3);
        }
        else
        {
            var span = _output.GetSpan(5);
            span[0] = form32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            _output.Advance(5);
        }
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }
}
