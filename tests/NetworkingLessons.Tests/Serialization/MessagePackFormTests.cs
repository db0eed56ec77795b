using System.Buffers;
using System.Text;
using NetworkingLessons.Serialization;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>
/// Every form of the format at its edges: each header cut short with the message naming it, each
/// first byte described, each length at the boundary between two forms, the reader's typed reads on
/// every form, and skipping each kind of value within a depth limit.
/// </summary>
public sealed class MessagePackFormTests
{
    private delegate T Read<T>(ref MessagePackReader reader);

    private static T With<T>(string hex, Read<T> read)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        return read(ref reader);
    }

    private static string Refused<T>(string hex, Read<T> read) =>
        Assert.Throws<MessagePackFormatException>(() => With(hex, read)).Message;

    private static string Written(Action<MessagePackWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(new MessagePackWriter(output));
        return Convert.ToHexString(output.WrittenSpan).ToLowerInvariant();
    }

    [Theory]
    [InlineData("cc", "The input ends inside a uint 8: it needs 1 bytes and 0 remain (at byte 0)")]
    [InlineData("cd00", "The input ends inside a uint 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("ce000000", "The input ends inside a uint 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("cf00000000000000", "The input ends inside a uint 64: it needs 8 bytes and 7 remain (at byte 0)")]
    [InlineData("d0", "The input ends inside a int 8: it needs 1 bytes and 0 remain (at byte 0)")]
    [InlineData("d100", "The input ends inside a int 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("d2000000", "The input ends inside a int 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("d300000000000000", "The input ends inside a int 64: it needs 8 bytes and 7 remain (at byte 0)")]
    [InlineData("ca000000", "The input ends inside a float 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("cb00000000000000", "The input ends inside a float 64: it needs 8 bytes and 7 remain (at byte 0)")]
    [InlineData("d9", "The input ends inside a str 8: it needs 1 bytes and 0 remain (at byte 0)")]
    [InlineData("da00", "The input ends inside a str 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("db000000", "The input ends inside a str 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("c4", "The input ends inside a bin 8: it needs 1 bytes and 0 remain (at byte 0)")]
    [InlineData("c500", "The input ends inside a bin 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("c6000000", "The input ends inside a bin 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("c40201", "The input ends inside a binary: it needs 2 bytes and 1 remain (at byte 2)")]
    [InlineData("dc00", "The input ends inside a array 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("dd000000", "The input ends inside a array 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("de00", "The input ends inside a map 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("df000000", "The input ends inside a map 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("c7", "The input ends inside a ext 8: it needs 1 bytes and 0 remain (at byte 0)")]
    [InlineData("c800", "The input ends inside a ext 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("c9000000", "The input ends inside a ext 32: it needs 4 bytes and 3 remain (at byte 0)")]
    [InlineData("d4", "The input ends inside a extension type: it needs 1 bytes and 0 remain (at byte 1)")]
    [InlineData("c70a01ffff", "An extension claims 10 bytes, but only 2 remain (at byte 3)")]
    [InlineData("c70201ff", "An extension claims 2 bytes, but only 1 remain (at byte 3)")]
    [InlineData("c6000000020a", "A bin 32 claims 2 bytes, but only 1 remain (at byte 0)")]
    [InlineData("c90000000305ff", "A ext 32 claims 3 bytes, but only 2 remain (at byte 0)")]
    [InlineData("dd00000002c0", "A header claims 2 elements, but only 1 bytes remain (at byte 0)")]
    [InlineData("df00000002c0c0c0", "A map claims 2 pairs, but only 3 bytes remain (at byte 0)")]
    public void ACutShortValue_NamesItsForm(string hex, string message)
    {
        Assert.Equal(message, Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(Convert.FromHexString(hex))).Message);
    }

    [Theory]
    [InlineData("d4ff", "An extension claims 1 bytes, but only 0 remain (at byte 2)")]
    [InlineData("d5ffaa", "An extension claims 2 bytes, but only 1 remain (at byte 2)")]
    public void ACutShortFixExtension_SaysHowMuchIsMissing(string hex, string message)
    {
        Assert.Equal(message, Refused(hex, (ref MessagePackReader r) => r.ReadExtension()));
    }

    [Fact]
    public void ACutShortTimestamp_NamesIt()
    {
        // The header claims 4 bytes and 4 remain, but one of them is the type: 3 are data.
        Assert.Equal("An extension claims 4 bytes, but only 3 remain (at byte 2)", Refused("d6ff000000", (ref MessagePackReader r) => r.ReadTimestampParts()));
        Assert.Equal((1L, 0u), With("d6ff00000001", (ref MessagePackReader r) => r.ReadTimestampParts()));
    }

    [Theory]
    [InlineData("00", "an integer")]
    [InlineData("7f", "an integer")]
    [InlineData("80", "a map")]
    [InlineData("8f", "a map")]
    [InlineData("90", "an array")]
    [InlineData("9f", "an array")]
    [InlineData("a0", "a string")]
    [InlineData("bf", "a string")]
    [InlineData("c1", "the unused byte")]
    [InlineData("c2", "a boolean")]
    [InlineData("c3", "a boolean")]
    [InlineData("c4", "binary")]
    [InlineData("c5", "binary")]
    [InlineData("c6", "binary")]
    [InlineData("c7", "an extension")]
    [InlineData("c9", "an extension")]
    [InlineData("ca", "a float")]
    [InlineData("cb", "a float")]
    [InlineData("cc", "an integer")]
    [InlineData("d3", "an integer")]
    [InlineData("d4", "an extension")]
    [InlineData("d8", "an extension")]
    [InlineData("d9", "a string")]
    [InlineData("da", "a string")]
    [InlineData("db", "a string")]
    [InlineData("dc", "an array")]
    [InlineData("dd", "an array")]
    [InlineData("de", "a map")]
    [InlineData("df", "a map")]
    [InlineData("e0", "an integer")]
    [InlineData("ff", "an integer")]
    public void AWrongFirstByte_IsDescribed(string hex, string what)
    {
        Assert.Equal($"Expected nil, found {what} (0x{hex}) (at byte 0)", Refused(hex, (ref MessagePackReader r) => { r.ReadNil(); return 0; }));
    }

    [Fact]
    public void Nil_IsDescribedToo_AndReadWhereItIs()
    {
        Assert.Equal("Expected a boolean, found nil (0xc0) (at byte 0)", Refused("c0", (ref MessagePackReader r) => r.ReadBoolean()));
        Assert.Equal(1, With("c0", (ref MessagePackReader r) => { r.ReadNil(); return r.Position; }));
        Assert.False(With("", (ref MessagePackReader r) => r.TryReadNil()));
        Assert.Equal("The input ended where nil was due (at byte 0)", Refused("", (ref MessagePackReader r) => { r.ReadNil(); return 0; }));
    }

    [Theory]
    [InlineData("a boolean")]
    [InlineData("an integer")]
    [InlineData("a number")]
    [InlineData("a string")]
    [InlineData("binary")]
    [InlineData("an array")]
    [InlineData("a map")]
    [InlineData("an extension")]
    public void AnEmptyInput_SaysWhatWasDue(string what)
    {
        Read<int> read = what switch
        {
            "a boolean" => (ref MessagePackReader r) => r.ReadBoolean() ? 1 : 0,
            "an integer" => (ref MessagePackReader r) => (int)r.ReadInt64(),
            "a number" => (ref MessagePackReader r) => (int)r.ReadDouble(),
            "a string" => (ref MessagePackReader r) => r.ReadString()!.Length,
            "binary" => (ref MessagePackReader r) => r.ReadBinary()!.Length,
            "an array" => (ref MessagePackReader r) => r.ReadArrayHeader(),
            "a map" => (ref MessagePackReader r) => r.ReadMapHeader(),
            _ => (ref MessagePackReader r) => r.ReadExtensionHeader().Length,
        };

        Assert.Equal($"The input ended where {what} was due (at byte 0)", Refused("", read));
    }

    [Theory]
    [InlineData("a0", "an integer")]
    [InlineData("c0", "an extension")]
    [InlineData("c0", "an array")]
    [InlineData("c0", "a map")]
    [InlineData("01", "a string")]
    public void AWrongKind_SaysWhatWasExpected(string hex, string what)
    {
        Read<int> read = what switch
        {
            "an integer" => (ref MessagePackReader r) => (int)r.ReadInteger().Bits,
            "an extension" => (ref MessagePackReader r) => r.ReadExtensionHeader().Length,
            "an array" => (ref MessagePackReader r) => r.ReadArrayHeader(),
            "a map" => (ref MessagePackReader r) => r.ReadMapHeader(),
            _ => (ref MessagePackReader r) => r.ReadStringBytes().Length,
        };

        Assert.StartsWith($"Expected {what}, found ", Refused(hex, read), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00", 0UL)]
    [InlineData("7f", 127UL)]
    [InlineData("cc80", 128UL)]
    [InlineData("cd8000", 32768UL)]
    [InlineData("ce80000000", 2147483648UL)]
    [InlineData("cf8000000000000000", 9223372036854775808UL)]
    [InlineData("d000", 0UL)] // a signed form holding zero is not negative
    [InlineData("d07f", 127UL)]
    [InlineData("d10000", 0UL)]
    [InlineData("d200000000", 0UL)]
    [InlineData("d30000000000000000", 0UL)]
    public void ReadUInt64_ReadsEveryFormOfANonNegativeNumber(string hex, ulong value)
    {
        Assert.Equal(value, With(hex, (ref MessagePackReader r) => r.ReadUInt64()));
    }

    [Theory]
    [InlineData("e0", -32)]
    [InlineData("d0ff", -1)]
    [InlineData("d1ffff", -1)]
    [InlineData("d2ffffffff", -1)]
    [InlineData("d3ffffffffffffffff", -1)]
    public void ReadInteger_MarksEveryNegativeForm(string hex, long value)
    {
        var (negative, bits) = With(hex, (ref MessagePackReader r) => r.ReadInteger());

        Assert.True(negative);
        Assert.Equal(value, unchecked((long)bits));
        Assert.StartsWith("The integer ", Refused(hex, (ref MessagePackReader r) => r.ReadUInt64()), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInt64_TakesAUInt64UpToItsOwnMaximum()
    {
        Assert.Equal(long.MaxValue, With("cf7fffffffffffffff", (ref MessagePackReader r) => r.ReadInt64()));
        Assert.Equal("The integer 9223372036854775808 is larger than a signed 64-bit number holds (at byte 0)", Refused("cf8000000000000000", (ref MessagePackReader r) => r.ReadInt64()));
    }

    [Fact]
    public void ReadDouble_ReadsIntegersAndBothFloats()
    {
        Assert.Equal(-1.0, With("ff", (ref MessagePackReader r) => r.ReadDouble()));
        Assert.Equal(1.5, With("ca3fc00000", (ref MessagePackReader r) => r.ReadDouble()));
        Assert.Equal(9223372036854775808.0, With("cf8000000000000000", (ref MessagePackReader r) => r.ReadDouble()));
        Assert.Equal("Expected a number, found nil (0xc0) (at byte 0)", Refused("c0", (ref MessagePackReader r) => r.ReadDouble()));
    }

    [Fact]
    public void ReadStringBytes_IsASliceOfEachForm()
    {
        Assert.Equal("a", With("a161", (ref MessagePackReader r) => Encoding.UTF8.GetString(r.ReadStringBytes())));
        Assert.Equal("a", With("d90161", (ref MessagePackReader r) => Encoding.UTF8.GetString(r.ReadStringBytes())));
        Assert.Equal("a", With("da000161", (ref MessagePackReader r) => Encoding.UTF8.GetString(r.ReadStringBytes())));
        Assert.Equal("a", With("db0000000161", (ref MessagePackReader r) => Encoding.UTF8.GetString(r.ReadStringBytes())));
        Assert.Equal(6, With("db0000000161", (ref MessagePackReader r) => { r.ReadStringBytes(); return r.Position; }));
    }

    [Fact]
    public void ReadString_RefusesBrokenUtf8_NamingTheByte()
    {
        Assert.Equal("The string is not valid UTF-8 (byte 1 of its text) (at byte 0)", Refused("a361ff62", (ref MessagePackReader r) => r.ReadString()));
    }

    [Theory]
    [InlineData("d4", 1)]
    [InlineData("d5", 2)]
    [InlineData("d6", 4)]
    [InlineData("d7", 8)]
    [InlineData("d8", 16)]
    public void FixExtensions_HaveTheirFixedLength(string code, int length)
    {
        var hex = code + "05" + new string('a', 2 * length);

        var (type, data) = With(hex, (ref MessagePackReader r) => r.ReadExtension());

        Assert.Equal((sbyte)5, type);
        Assert.Equal(length, data.Length);
        Assert.All(data, b => Assert.Equal(0xaa, b));
    }

    [Fact]
    public void ExtensionHeaders_OfEachLengthForm()
    {
        Assert.Equal(((sbyte)-2, 1), With("c701feaa", (ref MessagePackReader r) => r.ReadExtensionHeader()));
        Assert.Equal(((sbyte)3, 1), With("c8000103aa", (ref MessagePackReader r) => r.ReadExtensionHeader()));
        Assert.Equal(((sbyte)3, 1), With("c90000000103aa", (ref MessagePackReader r) => r.ReadExtensionHeader()));
        Assert.Equal(((sbyte)3, 0), With("c70003", (ref MessagePackReader r) => r.ReadExtensionHeader()));
    }

    [Theory]
    [InlineData("c0")]
    [InlineData("c3")]
    [InlineData("cd0102")]
    [InlineData("cb3ff0000000000000")]
    [InlineData("a3616263")]
    [InlineData("c40201ff")]
    [InlineData("c5000101")]
    [InlineData("c60000000101")]
    [InlineData("d6ff00000001")]
    [InlineData("c7020501ff")]
    [InlineData("9201a161")]
    [InlineData("82a161c3a1629101")]
    [InlineData("dc0001c2")]
    [InlineData("de0001c0c0")]
    [InlineData("80")]
    [InlineData("90")]
    public void Skip_StepsOverEachKindOfValue_AndNoFurther(string hex)
    {
        var end = With(hex + "2a", (ref MessagePackReader r) => { r.Skip(); return r.ReadInt64(); });

        Assert.Equal(42, end);
    }

    [Fact]
    public void Skip_MaxDepth_CountsOnlyLevelsThatHoldSomething()
    {
        Assert.Equal(2, With("9190", (ref MessagePackReader r) => { r.Skip(1); return r.Position; }));
        Assert.Equal(1, With("90", (ref MessagePackReader r) => { r.Skip(0); return r.Position; }));
        Assert.Equal(2, With("9101", (ref MessagePackReader r) => { r.Skip(1); return r.Position; }));
        Assert.Equal("Arrays and maps nest deeper than 1 levels (at byte 1)", Refused("9191c0", (ref MessagePackReader r) => { r.Skip(1); return 0; }));
        Assert.Equal("Arrays and maps nest deeper than 0 levels (at byte 0)", Refused("9101", (ref MessagePackReader r) => { r.Skip(0); return 0; }));
        Assert.Equal("Arrays and maps nest deeper than 1 levels (at byte 2)", Refused("8101" + "81c0c0", (ref MessagePackReader r) => { r.Skip(1); return 0; }));
    }

    [Fact]
    public void Skip_DeepestAllowed_IsTheCap()
    {
        var deep = string.Concat(Enumerable.Repeat("91", MessagePackReader.MaxSkipDepth)) + "c0";

        Assert.Equal(MessagePackReader.MaxSkipDepth + 1, With(deep, (ref MessagePackReader r) => { r.Skip(MessagePackReader.MaxSkipDepth); return r.Position; }));
        Assert.StartsWith("Arrays and maps nest deeper than 256 levels", Refused("91" + deep, (ref MessagePackReader r) => { r.Skip(MessagePackReader.MaxSkipDepth); return 0; }), StringComparison.Ordinal);
        Assert.Equal("maxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => With("c0", (ref MessagePackReader r) => { r.Skip(-1); return 0; })).ParamName);
        Assert.Equal("maxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => With("c0", (ref MessagePackReader r) => { r.Skip(MessagePackReader.MaxSkipDepth + 1); return 0; })).ParamName);
    }

    [Fact]
    public void Skip_AMapSkipsItsKeysAndValues()
    {
        // Two pairs: skipping must step over four values, not two.
        Assert.Equal(5, With("8201020304" + "05", (ref MessagePackReader r) => { r.Skip(); return r.Position; }));
    }

    [Fact]
    public void Reader_Position_RemainingAndEnd()
    {
        var state = With("01a161", (ref MessagePackReader r) =>
        {
            var before = (r.Position, r.Remaining, r.End);
            r.ReadInt64();
            var middle = (r.Position, r.Remaining, r.End);
            r.ReadString();
            return (before, middle, after: (r.Position, r.Remaining, r.End));
        });

        Assert.Equal(((0, 3, false), (1, 2, false), (3, 0, true)), state);
        Assert.Equal(MessagePackType.String, With("a0", (ref MessagePackReader r) => r.NextType));
        Assert.Equal("The input ended where a value was due (at byte 0)", Refused("", (ref MessagePackReader r) => r.NextType));
    }

    [Theory]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void Strings_TakeTheSmallestHeaderForTheirLength(int length, string header)
    {
        var hex = Written(w => w.WriteString(new string('x', length)));

        Assert.Equal(header, hex[..header.Length]);
        Assert.Equal(header.Length / 2 + length, hex.Length / 2);
    }

    [Theory]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65535, "c5ffff")]
    [InlineData(65536, "c600010000")]
    public void Binary_TakesTheSmallestHeaderForItsLength(int length, string header)
    {
        Assert.StartsWith(header, Written(w => w.WriteBinary(new byte[length])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "c70005")]
    [InlineData(3, "c70305")]
    [InlineData(255, "c7ff05")]
    [InlineData(256, "c8010005")]
    [InlineData(65536, "c90001000005")]
    public void Extensions_WithoutAFixedForm_TakeTheSmallestHeader(int length, string header)
    {
        Assert.StartsWith(header, Written(w => w.WriteExtension(5, new byte[length])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65535, "dcffff", "deffff")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void ArrayAndMapHeaders_TakeTheSmallestForm(int count, string array, string map)
    {
        Assert.Equal(array, Written(w => w.WriteArrayHeader(count)));
        Assert.Equal(map, Written(w => w.WriteMapHeader(count)));
    }

    [Fact]
    public void Headers_RefuseANegativeCount()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Written(w => w.WriteArrayHeader(-1))).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Written(w => w.WriteMapHeader(-1))).ParamName);
    }

    [Fact]
    public void WriteString_NullIsNil_AndALoneSurrogateIsNamed()
    {
        Assert.Equal("c0", Written(w => w.WriteString((string?)null)));
        var ex = Assert.Throws<ArgumentException>(() => Written(w => w.WriteString("ab\ud800")));
        Assert.Equal("value", ex.ParamName);
        Assert.StartsWith("The text holds a lone surrogate at index 2; UTF-8 cannot carry it.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteRawAndBooleans_AreAsGiven()
    {
        Assert.Equal("c2c3c0a161", Written(w =>
        {
            w.WriteBoolean(false);
            w.WriteBoolean(true);
            w.WriteNil();
            w.WriteRaw([0xa1, 0x61]);
        }));
    }

    [Fact]
    public void FormatException_KeepsItsOffset()
    {
        var ex = new MessagePackFormatException("bad", 12_345);

        Assert.Equal(12_345, ex.Offset);
        Assert.Equal("bad (at byte 12,345)", ex.Message);
    }

    [Fact]
    public void Extension_EqualsByTypeAndBytes_AndNotNull()
    {
        var ext = new MessagePackExtension(1, new byte[] { 2 });

        Assert.False(ext.Equals(null));
        Assert.NotEqual(ext, new MessagePackExtension(2, new byte[] { 2 }));
        Assert.Equal(ext.GetHashCode(), new MessagePackExtension(1, new byte[] { 2 }).GetHashCode());
    }
}
