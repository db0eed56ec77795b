using System.Buffers;
using NetworkingLessons.Serialization;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>
/// The serializer type by type, both ways: each .NET type's form on the wire, each typed read with
/// its range check, the collections and dictionaries it fills, the objects it makes, and the
/// types it refuses by name.
/// </summary>
public sealed class MessagePackTypedTests
{
    public enum Small : byte { One = 1, Big = 200 }

    public enum Signed : long { Low = long.MinValue, High = long.MaxValue }

    public struct Point
    {
        public int X { get; set; }

        public int Y { get; set; }
    }

    public sealed record Positive
    {
        public Positive(int value) => Value = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");

        public int Value { get; }
    }

    public sealed class NoWayToMake(int a)
    {
        public int B { get; } = a;
    }

    public sealed class ReadOnlyAndSettable
    {
        public string Fixed { get; } = "fixed";

        public string Open { get; set; } = "";
    }

    public sealed record Nested(string Name, Nested? Child);

    public sealed class Shouting
    {
        public Shouting(string name) => Name = name.ToUpperInvariant();

        public string Name { get; init; }
    }

    public sealed class TwoConstructors
    {
        public TwoConstructors()
        {
        }

        public TwoConstructors(int a) => A = a * 10;

        public TwoConstructors(int a, int b) => (A, B) = (a, b);

        public int A { get; }

        public int B { get; }
    }

    public sealed class NotAllParametersAreProperties
    {
        public NotAllParametersAreProperties()
        {
        }

        public NotAllParametersAreProperties(int a, int unrelated) => A = a + unrelated;

        public int A { get; set; }
    }

    public sealed class ParameterOfAnotherType
    {
        public ParameterOfAnotherType()
        {
        }

        public ParameterOfAnotherType(string a) => A = a.Length;

        public int A { get; set; }
    }

    public sealed class HiddenParts
    {
        private readonly int[] _items = [1, 2, 3];

        public int Open { get; set; }

        public int Private { get; private set; }

        public int WriteOnly { set => Open = value; }

        public int this[int i] => _items[i];
    }

    private static string Hex<T>(T value) => Convert.ToHexString(MessagePackSerializer.Serialize(value)).ToLowerInvariant();

    private static T Back<T>(string hex) => MessagePackSerializer.Deserialize<T>(Convert.FromHexString(hex));

    private static string Refused<T>(string hex) => Assert.Throws<MessagePackFormatException>(() => Back<T>(hex)).Message;

    [Fact]
    public void EveryIntegerType_IsWrittenInTheSmallestForm()
    {
        Assert.Equal("d080", Hex((sbyte)-128));
        Assert.Equal("d18000", Hex(short.MinValue));
        Assert.Equal("cc80", Hex((byte)128));
        Assert.Equal("cdffff", Hex(ushort.MaxValue));
        Assert.Equal("ceffffffff", Hex(uint.MaxValue));
        Assert.Equal("cfffffffffffffffff", Hex(ulong.MaxValue));
        Assert.Equal("d280000000", Hex(int.MinValue));
        Assert.Equal("7f", Hex(127));
        Assert.Equal("ff", Hex(-1L));
        Assert.Equal("ccc8", Hex(Small.Big));
        Assert.Equal("d38000000000000000", Hex(Signed.Low));
    }

    [Fact]
    public void Floats_UseFloat32OnlyWhereItIsExact()
    {
        Assert.Equal("ca3fc00000", Hex(1.5));
        Assert.Equal("cb3fb999999999999a", Hex(0.1));
        Assert.Equal("ca3dcccccd", Hex(0.1f));
        Assert.Matches("^ca[0-9a-f]{8}$", Hex(double.NaN));
        Assert.True(double.IsNaN(Back<double>(Hex(double.NaN))));
        Assert.Equal("ca7f800000", Hex(double.PositiveInfinity));
        Assert.Equal(0.1, Back<double>("cb3fb999999999999a"));
        Assert.Equal(0.1f, Back<float>("ca3dcccccd"));
        Assert.Equal(-3.0, Back<double>("fd"));
        Assert.Equal(18446744073709551615.0, Back<double>("cfffffffffffffffff"));
        Assert.Equal("Expected a number, found a string (0xa0) (at byte 0)", Refused<double>("a0"));
        Assert.Equal("The input ended where a number was due (at byte 0)", Refused<double>(""));
    }

    [Fact]
    public void NumbersInBulk_AreWrittenWithoutChangingTheirForms()
    {
        Assert.Equal("93" + "01" + "cd012c" + "d0c0", Hex<IReadOnlyList<int>>([1, 300, -64]));
        Assert.Equal("92" + "ca3fc00000" + "cb3fb999999999999a", Hex<IReadOnlyList<double>>([1.5, 0.1]));
        Assert.Equal("92" + "ca3fc00000" + "cb3fb999999999999a", Hex(new List<double> { 1.5, 0.1 }));
        Assert.Equal("dc0010" + string.Concat(Enumerable.Repeat("00", 16)), Hex(new int[16]));
    }

    [Theory]
    [InlineData("7f", 127)]
    [InlineData("d0ff", -1)]
    [InlineData("ce7fffffff", int.MaxValue)]
    [InlineData("d280000000", int.MinValue)]
    public void Int_ReadsEveryFormInRange(string hex, int value)
    {
        Assert.Equal(value, Back<int>(hex));
    }

    [Theory]
    [InlineData("ce80000000")]
    [InlineData("d3ffffffff7fffffff")]
    public void Int_RefusesWhatItCannotHold(string hex)
    {
        Assert.Equal("The number does not fit a Int32 (at byte 0)", Refused<int>(hex));
    }

    [Fact]
    public void SmallerIntegerTypes_AreCheckedAgainstTheirRange()
    {
        Assert.Equal((short)-300, Back<short>("d1fed4"));
        Assert.Equal("The number does not fit a Int16 (at byte 0)", Refused<short>("cd8000"));
        Assert.Equal((sbyte)-128, Back<sbyte>("d080"));
        Assert.Equal("The number does not fit a SByte (at byte 0)", Refused<sbyte>("cc80"));
        Assert.Equal((ushort)65535, Back<ushort>("cdffff"));
        Assert.Equal("The number does not fit a UInt16 (at byte 0)", Refused<ushort>("ff"));
        Assert.Equal(uint.MaxValue, Back<uint>("ceffffffff"));
        Assert.Equal("The number does not fit a UInt32 (at byte 0)", Refused<uint>("cf0000000100000000"));
        Assert.Equal(long.MinValue, Back<long>("d38000000000000000"));
        Assert.Equal("The integer -1 is negative where an unsigned one was expected (at byte 0)", Refused<ulong>("ff"));
        Assert.Equal("Expected an integer, found a float (0xca) (at byte 0)", Refused<long>("ca3fc00000"));
    }

    [Fact]
    public void Enums_AreTheirNumbers_EitherWay()
    {
        Assert.Equal(Small.Big, Back<Small>("ccc8"));
        Assert.Equal(Signed.High, Back<Signed>("cf7fffffffffffffff"));
        Assert.Equal((Small)7, Back<Small>("07"));
    }

    [Fact]
    public void BooleansStringsAndBytes_AreReadAsTheirTypes()
    {
        Assert.True(Back<bool>("c3"));
        Assert.False(Back<bool>("c2"));
        Assert.Equal("Expected a boolean, found nil (0xc0) (at byte 0)", Refused<bool>("c0"));
        Assert.Null(Back<string?>("c0"));
        Assert.Equal("é", Back<string>("a2c3a9"));
        Assert.Null(Back<byte[]?>("c0"));
        Assert.Equal([1, 2], Back<byte[]>("c4020102"));
        Assert.Equal(new byte[300], Back<byte[]>("c5012c" + string.Concat(Enumerable.Repeat("00", 300))));
        Assert.Equal("Expected binary, found a string (0xa0) (at byte 0)", Refused<byte[]>("a0"));
    }

    [Fact]
    public void Dates_AreTimestamps_InUtc()
    {
        var utc = new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1);
        var unspecified = new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Unspecified);
        var local = new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Local);

        var back = MessagePackSerializer.Deserialize<DateTime>(MessagePackSerializer.Serialize(utc));

        Assert.Equal(utc, back);
        Assert.Equal(DateTimeKind.Utc, back.Kind);
        Assert.Equal(new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc), MessagePackSerializer.Deserialize<DateTime>(MessagePackSerializer.Serialize(unspecified)));
        Assert.Equal(local.ToUniversalTime(), MessagePackSerializer.Deserialize<DateTime>(MessagePackSerializer.Serialize(local)));
        Assert.Equal(new MessagePackTimestamp(1, 2), Back<MessagePackTimestamp>("d7ff0000000800000001"));
        Assert.Equal("An extension of type 1 where a timestamp (type -1) was expected (at byte 0)", Refused<MessagePackTimestamp>("d40100"));
    }

    [Fact]
    public void Timestamps_TakeTheirSmallestForm()
    {
        Assert.Equal("d6ff00000000", Hex(DateTimeOffset.UnixEpoch));
        Assert.Equal("d6ffffffffff", Hex(new MessagePackTimestamp(uint.MaxValue, 0)));
        Assert.Equal("d7ff0000000100000000", Hex(new MessagePackTimestamp(1L << 32, 0)));
        Assert.Equal("d7ff00000007ffffffff", Hex(new MessagePackTimestamp((1L << 34) - 1, 1)));
        Assert.Equal("c70cff" + "00000000" + "0000000400000000", Hex(new MessagePackTimestamp(1L << 34, 0)));
        Assert.Equal("c70cff" + "00000001" + "ffffffffffffffff", Hex(new MessagePackTimestamp(-1, 1)));
        Assert.Equal("c70cff" + "000f4240" + "ffffffffffffffff", Hex(DateTimeOffset.UnixEpoch.AddTicks(-TimeSpan.TicksPerSecond + 10_000)));
    }

    [Fact]
    public void Timestamp_Nanoseconds_AreCheckedWhenWritten()
    {
        var output = new ArrayBufferWriter<byte>();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackWriter(output).WriteTimestamp(0, 1_000_000_000));

        Assert.Equal("nanoseconds", ex.ParamName);
        new MessagePackWriter(output).WriteTimestamp(0, 999_999_999);
        Assert.Equal("d7ffee6b27fc00000000", Convert.ToHexString(output.WrittenSpan).ToLowerInvariant());
    }

    [Fact]
    public void TimestampParts_AtTheEdgesOfDateTimeOffset()
    {
        Assert.Equal(DateTimeOffset.MinValue, Back<DateTimeOffset>(Hex(new MessagePackTimestamp(-62_135_596_800, 0))));
        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-9_999_999), Back<DateTimeOffset>(Hex(new MessagePackTimestamp(253_402_300_799, 0))));
        Assert.StartsWith("The timestamp -62,135,596,801 s is outside", Refused<DateTimeOffset>(Hex(new MessagePackTimestamp(-62_135_596_801, 0))), StringComparison.Ordinal);
        Assert.StartsWith("The timestamp 253,402,300,800 s is outside", Refused<DateTimeOffset>(Hex(new MessagePackTimestamp(253_402_300_800, 0))), StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1), Back<DateTimeOffset>(Hex(new MessagePackTimestamp(0, 199))));
        Assert.Equal("0001-01-01T00:00:00.000000000Z", new MessagePackTimestamp(-62_135_596_800, 0).ToString());
        Assert.Equal("-62135596801 s + 0 ns", new MessagePackTimestamp(-62_135_596_801, 0).ToString());
        Assert.Equal("9999-12-31T23:59:59.999999999Z", new MessagePackTimestamp(253_402_300_799, 999_999_999).ToString());
        Assert.Equal("253402300800 s + 0 ns", new MessagePackTimestamp(253_402_300_800, 0).ToString());
    }

    [Fact]
    public void Arrays_AndEveryListInterface_AreFilled()
    {
        Assert.Equal([1, 2], Back<int[]>("920102"));
        Assert.Equal(new string?[] { "a", null }, Back<string?[]>("92a161c0").AsEnumerable());
        Assert.Equal([1L, 2L], Back<List<long>>("920102"));
        Assert.Equal([1L, 2L], Back<IList<long>>("920102"));
        Assert.Equal([1L, 2L], Back<ICollection<long>>("920102"));
        Assert.Equal([1L, 2L], Back<IReadOnlyCollection<long>>("920102"));
        Assert.Equal([1L, 2L], Back<IEnumerable<long>>("920102"));
        Assert.IsType<List<int>>(Back<IReadOnlyList<int>>("920102"));
        Assert.Equal([1, -2], Back<IReadOnlyList<int>>("9201fe"));
        Assert.Null(Back<List<int>?>("c0"));
        Assert.Equal("The number does not fit a Int32 (at byte 2)", Refused<List<int>>("9201ce80000000"));
        Assert.Equal("The number does not fit a Int32 (at byte 1)", Refused<List<int>>("91d38000000000000000"));
        Assert.Equal("Expected an array, found a map (0x80) (at byte 0)", Refused<int[]>("80"));
    }

    [Fact]
    public void Dictionaries_OfEveryInterface_AreFilled_AndRefuseNilOrRepeatedKeys()
    {
        Assert.Equal(new Dictionary<int, string> { [1] = "a", [2] = "b" }, Back<Dictionary<int, string>>("8201a16102a162"));
        Assert.Equal(new Dictionary<string, long> { ["x"] = 1 }, Back<IDictionary<string, long>>("81a17801"));
        Assert.Equal(new Dictionary<string, long> { ["x"] = 1 }, Back<IReadOnlyDictionary<string, long>>("81a17801"));
        Assert.Equal("The map has the key 1 twice (at byte 4)", Refused<Dictionary<int, string>>("8201a16101a162"));
        Assert.Equal("A map key is nil (at byte 1)", Refused<Dictionary<string, string>>("81c0a161"));
        Assert.Equal("8101a161", Hex(new Dictionary<int, string> { [1] = "a" }));
    }

    [Fact]
    public void UntypedMaps_KeyBinaryByItsHex_AndRefuseRepeats()
    {
        var map = Assert.IsType<Dictionary<object, object?>>(MessagePackSerializer.Deserialize(Convert.FromHexString("81c4020aff01")));

        Assert.Equal(1L, map["0AFF"]);
        Assert.Equal("The map has the key 1 twice (at byte 3)", Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(Convert.FromHexString("82010101c0"))).Message);
        Assert.Equal("A map key is nil (at byte 1)", Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(Convert.FromHexString("81c001"))).Message);
        Assert.Equal(ulong.MaxValue, MessagePackSerializer.Deserialize(Convert.FromHexString("cfffffffffffffffff")));
        Assert.Equal(long.MaxValue, MessagePackSerializer.Deserialize(Convert.FromHexString("cf7fffffffffffffff")));
        Assert.Equal(-1L, MessagePackSerializer.Deserialize(Convert.FromHexString("d3ffffffffffffffff")));
    }

    [Fact]
    public void Sequences_WithoutACount_AreWrittenAsArrays()
    {
        static IEnumerable<object?> Yielded()
        {
            yield return 1;
            yield return "a";
            yield return null;
        }

        Assert.Equal("9301a161c0", Hex(Yielded()));
        Assert.Equal("9201a161", Hex(new System.Collections.ArrayList { 1, "a" }));
        Assert.Equal("90", Hex(Array.Empty<string>()));
    }

    [Fact]
    public void AStructWithSetters_IsMadeAndFilled()
    {
        var back = Back<Point>(Hex(new Point { X = 3, Y = -4 }));

        Assert.Equal((3, -4), (back.X, back.Y));
        Assert.Equal("82a15803a159fc", Hex(new Point { X = 3, Y = -4 }));
        Assert.Equal("Expected a map, found nil (0xc0) (at byte 0)", Refused<Point>("c0"));
    }

    [Fact]
    public void AConstructorThatRefusesItsFields_IsAFormatError()
    {
        Assert.Equal(7, Back<Positive>("81a556616c756507").Value);
        Assert.StartsWith("A Positive refused its fields: must not be negative", Refused<Positive>("81a556616c7565ff"), StringComparison.Ordinal);
        Assert.EndsWith("(at byte 0)", Refused<Positive>("81a556616c7565ff"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyPropertiesWithoutAConstructorParameter_AreWrittenButNotSet()
    {
        var bytes = MessagePackSerializer.Serialize(new Dictionary<string, string> { ["Fixed"] = "new!", ["Open"] = "there" });

        var back = MessagePackSerializer.Deserialize<ReadOnlyAndSettable>(bytes);

        Assert.Equal(("fixed", "there"), (back.Fixed, back.Open));
        Assert.Equal("82" + "a5" + "4669786564" + "a5" + "6669786564" + "a4" + "4f70656e" + "a0", Hex(new ReadOnlyAndSettable()));
    }

    [Fact]
    public void TypesItCannotMake_OrWrite_AreNamed()
    {
        Assert.Equal("MessagePackSerializer cannot make a NoWayToMake: it has neither a constructor taking its properties nor one taking nothing.",
            Assert.Throws<NotSupportedException>(() => Back<NoWayToMake>("80")).Message);
        Assert.Equal("MessagePackSerializer cannot write or read a Decimal.", Assert.Throws<NotSupportedException>(() => Back<decimal>("00")).Message);
        Assert.Equal("MessagePackSerializer cannot write or read a Char.", Assert.Throws<NotSupportedException>(() => Back<char>("00")).Message);
        Assert.Equal("MessagePackSerializer cannot write or read a IComparable.", Assert.Throws<NotSupportedException>(() => Back<IComparable>("80")).Message);
        Assert.Equal("MessagePackSerializer cannot write or read a Stream.", Assert.Throws<NotSupportedException>(() => Back<Stream>("80")).Message);
        Assert.Equal("MessagePackSerializer cannot write or read a IntPtr.", Assert.Throws<NotSupportedException>(() => Back<nint>("00")).Message);
        Assert.Equal("MessagePackSerializer cannot write or read a Decimal.", Assert.Throws<NotSupportedException>(() => MessagePackSerializer.Serialize(1m)).Message);
    }

    [Fact]
    public void Nesting_IsLimitedBothWays()
    {
        // 64 objects, one inside the other: the deepest one's fields are at level 64, the limit.
        Nested deep = new("leaf", null);
        for (var i = 0; i < 63; i++)
        {
            deep = new Nested($"n{i}", deep);
        }

        var bytes = MessagePackSerializer.Serialize(deep);
        // One more level, written by hand since the serializer refuses to: {"Name": "top", "Child": deep}.
        var deeper = "82" + "a44e616d65" + "a3746f70" + "a54368696c64" + Convert.ToHexString(bytes);

        Assert.Equal("n62", Back<Nested>(Convert.ToHexString(bytes)).Name);
        Assert.Equal("Nesting deeper than 64 levels: does the object refer back to itself?", Assert.Throws<InvalidOperationException>(() => MessagePackSerializer.Serialize(new Nested("top", deep))).Message);
        Assert.StartsWith("Arrays and maps nest deeper than 64 levels", Refused<Nested>(deeper), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFields_AreSkipped_HoweverDeepTheyGo()
    {
        // {"Name": "x", "Extra": [[[1]]], "Child": nil}
        var bytes = "83a44e616d65a178a5457874726191919101a54368696c64c0";

        var back = Back<Nested>(bytes);

        Assert.Equal(new Nested("x", null), back);
    }

    [Fact]
    public void Serialize_IntoAWriter_AddsToWhatIsThere()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write(new byte[] { 0x92 });

        MessagePackSerializer.Serialize(output, 1);
        MessagePackSerializer.Serialize(output, "a");

        Assert.Equal("9201a161", Convert.ToHexString(output.WrittenSpan).ToLowerInvariant());
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => MessagePackSerializer.Serialize<int>(null!, 1)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => new MessagePackWriter(null!)).ParamName);
    }

    private static object NestedList(int levels)
    {
        var list = new List<object?>();
        for (var i = 1; i < levels; i++)
        {
            list = [list];
        }
        return list;
    }

    [Fact]
    public void Nesting_InDictionaryKeysAndValues_CountsBoth()
    {
        // A dictionary at depth 0 holds its key and value at depth 1.
        MessagePackSerializer.Serialize(new Dictionary<object, object?> { [NestedList(64)] = 1 });
        MessagePackSerializer.Serialize(new Dictionary<object, object?> { [1] = NestedList(64) });

        Assert.Throws<InvalidOperationException>(() => MessagePackSerializer.Serialize(new Dictionary<object, object?> { [NestedList(65)] = 1 }));
        Assert.Throws<InvalidOperationException>(() => MessagePackSerializer.Serialize(new Dictionary<object, object?> { [1] = NestedList(65) }));
        Assert.Throws<InvalidOperationException>(() => MessagePackSerializer.Serialize(NestedList(66)));
        MessagePackSerializer.Serialize(NestedList(65));
    }

    [Theory]
    [InlineData("81a161")] // a typed dictionary's value
    [InlineData("91")] // a typed list's item
    [InlineData("92c0")] // an array's item, after another
    public void Nesting_UnderTypedCollections_CountsTheirLevel(string prefix)
    {
        // The collection is at depth 0, what it holds at 1: n arrays inside make the innermost nil level n + 1.
        static string Deep(string prefix, int arrays) => prefix + string.Concat(Enumerable.Repeat("91", arrays)) + "c0";
        Func<string, object?> read = prefix switch
        {
            "81a161" => hex => Back<Dictionary<string, object?>>(hex),
            "91" => hex => Back<List<object?>>(hex),
            _ => hex => Back<object?[]>(hex),
        };

        Assert.NotNull(read(Deep(prefix, 63)));
        Assert.StartsWith("Arrays and maps nest deeper than 64 levels", Assert.Throws<MessagePackFormatException>(() => read(Deep(prefix, 64))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("81{0}c0")] // an untyped map's key
    [InlineData("8101{0}")] // an untyped map's value
    public void Nesting_InUntypedMaps_CountsKeysAndValues(string shape)
    {
        static string Deep(string shape, int arrays) => string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, string.Concat(Enumerable.Repeat("91", arrays)) + "c0");

        Assert.NotNull(MessagePackSerializer.Deserialize(Convert.FromHexString(Deep(shape, 63))));
        Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(Convert.FromHexString(Deep(shape, 64))));
    }

    [Fact]
    public void UnknownFields_AreSkippedOnlyAsDeepAsTheLimitLeaves()
    {
        // [{"Extra": n arrays}]: the object is at depth 1, so its unknown field may nest 63 deep.
        static string Deep(int arrays) => "91" + "81" + "a5" + "4578747261" + string.Concat(Enumerable.Repeat("91", arrays)) + "c0";

        Assert.Null(Assert.Single(Back<List<Nested>>(Deep(63))).Name);
        Assert.StartsWith("Arrays and maps nest deeper than 63 levels", Refused<List<Nested>>(Deep(64)), StringComparison.Ordinal);
    }

    [Fact]
    public void IntLists_TakeTheWholeRange()
    {
        Assert.Equal([int.MinValue, int.MaxValue], Back<List<int>>("92d280000000ce7fffffff"));
        Assert.Equal("The number does not fit a Int32 (at byte 1)", Refused<List<int>>("91d3ffffffff7fffffff"));
    }

    [Fact]
    public void AMissingValueTypeField_IsItsDefault()
    {
        Assert.Equal(0, Back<Positive>("80").Value);
        Assert.Equal((0, 0), Back<Point>("80") is var p ? (p.X, p.Y) : default);
    }

    [Fact]
    public void TheConstructorsWord_IsFinal()
    {
        Assert.Equal("ADA", Back<Shouting>("81a44e616d65a3616461").Name);
    }

    [Fact]
    public void TheLongestConstructorTakingOnlyProperties_IsChosen()
    {
        var back = Back<TwoConstructors>("82a14101a14202");

        Assert.Equal((1, 2), (back.A, back.B));
    }

    [Fact]
    public void AConstructorWithOtherParameters_IsPassedOver()
    {
        Assert.Equal(5, Back<NotAllParametersAreProperties>("81a14105").A);
        Assert.Equal(5, Back<ParameterOfAnotherType>("81a14105").A);
    }

    [Fact]
    public void IndexersWriteOnlyAndPrivatelySetProperties_AreHandled()
    {
        var hidden = new HiddenParts { Open = 4 };

        Assert.Equal("82a44f70656e04a75072697661746500", Hex(hidden));
        var back = Back<HiddenParts>("82a44f70656e04a75072697661746507");
        Assert.Equal((4, 0), (back.Open, back.Private));
    }
}
