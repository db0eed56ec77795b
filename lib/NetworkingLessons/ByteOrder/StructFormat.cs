using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NetworkingLessons.ByteOrder;

/// <summary>
/// Fixed binary layouts written as Python's <c>struct</c> format strings, packed and unpacked with
/// .NET's <see cref="BinaryPrimitives"/>. <c>"!HI"</c> is a 16-bit and a 32-bit unsigned number in
/// network order (6 bytes); <c>"!12I"</c> is the 48-byte NTP packet read as twelve 32-bit words.
/// .NET has no format strings of its own, so this is the course's code; its sizes are Python's
/// "standard" ones, without alignment padding.
/// </summary>
/// <remarks>
/// A format starts with a byte order: <c>!</c> or <c>&gt;</c> big-endian (network), <c>&lt;</c>
/// little-endian, <c>=</c> this machine's. Codes: <c>x</c> pad byte, <c>c</c> one byte, <c>b</c>/<c>B</c>
/// 8-bit, <c>?</c> bool, <c>h</c>/<c>H</c> 16-bit, <c>i</c>/<c>I</c> and <c>l</c>/<c>L</c> 32-bit,
/// <c>q</c>/<c>Q</c> 64-bit (lower case signed), <c>e</c> half, <c>f</c> float, <c>d</c> double,
/// <c>Ns</c> N bytes. A count before a code repeats it: <c>12I</c>.
/// </remarks>
public sealed class StructFormat
{
    private readonly List<(char Code, int Count)> _fields;
    private readonly bool _bigEndian;

    private StructFormat(string text, bool bigEndian, List<(char Code, int Count)> fields)
    {
        Text = text;
        _bigEndian = bigEndian;
        _fields = fields;
        Size = fields.Sum(f => Width(f.Code) * f.Count);
        ValueCount = fields.Sum(f => f.Code == 'x' ? 0 : f.Code == 's' ? 1 : f.Count);
    }

    /// <summary>The format string.</summary>
    public string Text { get; }

    /// <summary>How many bytes the layout takes (Python's <c>struct.calcsize</c>).</summary>
    public int Size { get; }

    /// <summary>How many values it packs and unpacks.</summary>
    public int ValueCount { get; }

    /// <summary>Reads a format string.</summary>
    /// <exception cref="StructFormatException">No byte order first, an unknown code, or a count without a code.</exception>
    public static StructFormat Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Length == 0 || format[0] is not ('!' or '>' or '<' or '='))
        {
            throw new StructFormatException(format, 0, format.StartsWith('@')
                ? "'@' (native order with C alignment padding) is not supported; use '=' for native order without padding, or '!' for network order."
                : "start with a byte order: '!' (network, big-endian), '>' (big-endian), '<' (little-endian) or '=' (this machine's).");
        }
        var bigEndian = format[0] is '!' or '>' || (format[0] == '=' && !BitConverter.IsLittleEndian);
        var fields = new List<(char, int)>();
        for (var i = 1; i < format.Length; i++)
        {
            if (char.IsWhiteSpace(format[i]))
            {
                continue;
            }
            var start = i;
            while (i < format.Length && char.IsAsciiDigit(format[i]))
            {
                i++;
            }
            var count = i > start ? int.Parse(format[start..i], CultureInfo.InvariantCulture) : 1;
            if (i == format.Length)
            {
                throw new StructFormatException(format, start, $"the count {format[start..]} has no format code after it.");
            }
            if (Width(format[i]) == 0)
            {
                throw new StructFormatException(format, i, $"'{format[i]}' is not a format code (known: x c b B ? h H i I l L q Q e f d s).");
            }
            fields.Add((format[i], count));
        }
        return new StructFormat(format, bigEndian, fields);
    }

    /// <summary>The size of a layout (Python's <c>struct.calcsize(format)</c>).</summary>
    /// <exception cref="StructFormatException">The format cannot be read.</exception>
    public static int CalcSize(string format) => Parse(format).Size;

    /// <summary>Packs values (Python's <c>struct.pack(format, ...)</c>).</summary>
    /// <exception cref="StructFormatException">The format cannot be read.</exception>
    /// <exception cref="ArgumentException">Too few or too many values, a value of the wrong kind, or out of range for its code.</exception>
    public static byte[] Pack(string format, params object[] values) => Parse(format).Pack(values);

    /// <summary>Unpacks bytes (Python's <c>struct.unpack(format, buffer)</c>).</summary>
    /// <exception cref="StructFormatException">The format cannot be read.</exception>
    /// <exception cref="ArgumentException">The buffer is not exactly the layout's size.</exception>
    public static object[] Unpack(string format, ReadOnlySpan<byte> bytes) => Parse(format).Unpack(bytes);

    /// <summary>Packs values into a new array of <see cref="Size"/> bytes.</summary>
    /// <exception cref="ArgumentException">Too few or too many values, a value of the wrong kind, or out of range for its code.</exception>
    public byte[] Pack(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != ValueCount)
        {
            throw new ArgumentException($"'{Text}' packs {ValueCount} value{(ValueCount == 1 ? "" : "s")}; got {values.Length}.", nameof(values));
        }
        var buffer = new byte[Size];
        var at = 0;
        var next = 0;
        foreach (var (code, count) in _fields)
        {
            if (code == 's')
            {
                var bytes = values[next++] as byte[] ?? throw Wrong(next, code, values[next - 1], "a byte[]");
                bytes.AsSpan(0, Math.Min(bytes.Length, count)).CopyTo(buffer.AsSpan(at)); // Python pads with zeros or truncates
                at += count;
                continue;
            }
            for (var k = 0; k < count; k++)
            {
                if (code != 'x')
                {
                    Write(buffer.AsSpan(at), code, values[next++], next);
                }
                at += Width(code);
            }
        }
        return buffer;
    }

    /// <summary>Unpacks exactly <see cref="Size"/> bytes into values: byte, sbyte, short, ushort, int, uint, long, ulong, Half, float, double, bool or byte[].</summary>
    /// <exception cref="ArgumentException">The buffer is not exactly the layout's size.</exception>
    public object[] Unpack(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"'{Text}' needs exactly {Size} bytes; got {bytes.Length}.", nameof(bytes));
        }
        var values = new List<object>(ValueCount);
        var at = 0;
        foreach (var (code, count) in _fields)
        {
            if (code == 's')
            {
                values.Add(bytes.Slice(at, count).ToArray());
                at += count;
                continue;
            }
            for (var k = 0; k < count; k++)
            {
                if (code != 'x')
                {
                    values.Add(Read(bytes[at..], code));
                }
                at += Width(code);
            }
        }
        return [.. values];
    }

    /// <summary>The layout in words, e.g. "! big-endian: H (2 bytes), I (4 bytes) = 6 bytes".</summary>
    public override string ToString()
    {
        var parts = _fields.Select(f => f.Count == 1 ? $"{f.Code}" : $"{f.Count}{f.Code}");
        return new StringBuilder().Append(Text).Append(": ").Append(_bigEndian ? "big-endian" : "little-endian")
            .Append(", ").Append(string.Join(' ', parts)).Append(CultureInfo.InvariantCulture, $" = {Size} bytes").ToString();
    }

    private static int Width(char code) => code switch
    {
        'x' or 'c' or 'b' or 'B' or '?' or 's' => 1,
        'h' or 'H' or 'e' => 2,
        'i' or 'I' or 'l' or 'L' or 'f' => 4,
        'q' or 'Q' or 'd' => 8,
        _ => 0,
    };

    private void Write(Span<byte> to, char code, object value, int position)
    {
        try
        {
            switch (code)
            {
                case 'c' or 'B': to[0] = checked((byte)Integer(value)); break;
                case 'b': to[0] = (byte)checked((sbyte)Integer(value)); break;
                case '?': to[0] = value is bool b ? (byte)(b ? 1 : 0) : throw Wrong(position, code, value, "a bool"); break;
                case 'h': if (_bigEndian) BinaryPrimitives.WriteInt16BigEndian(to, checked((short)Integer(value))); else BinaryPrimitives.WriteInt16LittleEndian(to, checked((short)Integer(value))); break;
                case 'H': if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(to, checked((ushort)Integer(value))); else BinaryPrimitives.WriteUInt16LittleEndian(to, checked((ushort)Integer(value))); break;
                case 'i' or 'l': if (_bigEndian) BinaryPrimitives.WriteInt32BigEndian(to, checked((int)Integer(value))); else BinaryPrimitives.WriteInt32LittleEndian(to, checked((int)Integer(value))); break;
                case 'I' or 'L': if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(to, checked((uint)Integer(value))); else BinaryPrimitives.WriteUInt32LittleEndian(to, checked((uint)Integer(value))); break;
                case 'q': if (_bigEndian) BinaryPrimitives.WriteInt64BigEndian(to, checked((long)Integer(value))); else BinaryPrimitives.WriteInt64LittleEndian(to, checked((long)Integer(value))); break;
                case 'Q': if (_bigEndian) BinaryPrimitives.WriteUInt64BigEndian(to, checked((ulong)Integer(value))); else BinaryPrimitives.WriteUInt64LittleEndian(to, checked((ulong)Integer(value))); break;
                case 'e': if (_bigEndian) BinaryPrimitives.WriteHalfBigEndian(to, (Half)Real(value)); else BinaryPrimitives.WriteHalfLittleEndian(to, (Half)Real(value)); break;
                case 'f': if (_bigEndian) BinaryPrimitives.WriteSingleBigEndian(to, (float)Real(value)); else BinaryPrimitives.WriteSingleLittleEndian(to, (float)Real(value)); break;
                case 'd': if (_bigEndian) BinaryPrimitives.WriteDoubleBigEndian(to, Real(value)); else BinaryPrimitives.WriteDoubleLittleEndian(to, Real(value)); break;
            }
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException("values", value, $"Value {position} ({value}) does not fit format code '{code}' ({Range(code)}).");
        }
        catch (InvalidCastException)
        {
            throw Wrong(position, code, value, "a number");
        }
    }

    private object Read(ReadOnlySpan<byte> from, char code) => code switch
    {
        'c' or 'B' => from[0],
        'b' => (sbyte)from[0],
        '?' => from[0] != 0,
        'h' => _bigEndian ? BinaryPrimitives.ReadInt16BigEndian(from) : BinaryPrimitives.ReadInt16LittleEndian(from),
        'H' => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(from) : BinaryPrimitives.ReadUInt16LittleEndian(from),
        'i' or 'l' => _bigEndian ? BinaryPrimitives.ReadInt32BigEndian(from) : BinaryPrimitives.ReadInt32LittleEndian(from),
        'I' or 'L' => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(from) : BinaryPrimitives.ReadUInt32LittleEndian(from),
        'q' => _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(from) : BinaryPrimitives.ReadInt64LittleEndian(from),
        'Q' => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(from) : BinaryPrimitives.ReadUInt64LittleEndian(from),
        'e' => _bigEndian ? BinaryPrimitives.ReadHalfBigEndian(from) : BinaryPrimitives.ReadHalfLittleEndian(from),
        'f' => _bigEndian ? BinaryPrimitives.ReadSingleBigEndian(from) : BinaryPrimitives.ReadSingleLittleEndian(from),
        _ => _bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(from) : BinaryPrimitives.ReadDoubleLittleEndian(from),
    };

    // Every integer type widens to Int128 without loss, so range checks happen once, in the checked casts.
    private static Int128 Integer(object value) => value switch
    {
        byte v => v, sbyte v => v, short v => v, ushort v => v, int v => v, uint v => v, long v => v, ulong v => v, char v => v,
        _ => throw new InvalidCastException(),
    };

    private static double Real(object value) => value switch
    {
        double v => v, float v => v, Half v => (double)v, _ => (double)Integer(value),
    };

    private static string Range(char code) => code switch
    {
        'b' => "-128 to 127", 'c' or 'B' => "0 to 255", 'h' => "-32768 to 32767", 'H' => "0 to 65535",
        'i' or 'l' => "-2147483648 to 2147483647", 'I' or 'L' => "0 to 4294967295",
        'q' => "a signed 64-bit number", _ => "an unsigned 64-bit number",
    };

    private ArgumentException Wrong(int position, char code, object? value, string expected) =>
        new($"Value {position} for format code '{code}' in '{Text}' is {(value is null ? "null" : $"a {value.GetType().Name} ({value})")}; expected {expected}.", "values");
}
