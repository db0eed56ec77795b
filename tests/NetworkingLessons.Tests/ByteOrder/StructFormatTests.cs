using NetworkingLessons.ByteOrder;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.ByteOrder;

public sealed class StructFormatTests
{
    [Fact]
    public void Pack_NetworkOrder_MostSignificantFirst()
    {
        Assert.Equal([0x00, 0x50, 0xC0, 0xA8, 0x00, 0x01], StructFormat.Pack("!HI", 80, 0xC0A80001u));
    }

    [Fact]
    public void Pack_LittleEndian_LeastSignificantFirst()
    {
        Assert.Equal([0x50, 0x00, 0x01, 0x00, 0xA8, 0xC0], StructFormat.Pack("<HI", 80, 0xC0A80001u));
    }

    [Fact]
    public void Unpack_NtpRequest_TwelveWords()
    {
        var packet = new byte[48];
        packet[0] = 0x23; // LI 0, version 4, mode 3 (client)

        var words = StructFormat.Unpack("!12I", packet);

        Assert.Equal(48, StructFormat.CalcSize("!12I"));
        Assert.Equal(12, words.Length);
        Assert.Equal(0x23000000u, words[0]);
        Assert.All(words.Skip(1), w => Assert.Equal(0u, w));
    }

    [Fact]
    public void PackUnpack_EveryCode_RoundTrips()
    {
        object[] values = [(byte)'A', (sbyte)-5, (byte)200, true, (short)-300, (ushort)60000, -70000, 4000000000u, -1L, ulong.MaxValue, (Half)1.5, 2.5f, -3.25, new byte[] { 1, 2, 3 }];

        var bytes = StructFormat.Pack("!cbB?hHiIqQefd3s", values);
        var back = StructFormat.Unpack("!cbB?hHiIqQefd3s", bytes);

        Assert.Equal(1 + 1 + 1 + 1 + 2 + 2 + 4 + 4 + 8 + 8 + 2 + 4 + 8 + 3, bytes.Length);
        Assert.Equal(values.Take(13), back.Take(13));
        Assert.Equal([1, 2, 3], (byte[])back[13]);
    }

    [Fact]
    public void Pack_PaddingAndStringsLikePython()
    {
        // struct.pack('!BxH4s', 1, 2, b'ab') == b'\x01\x00\x00\x02ab\x00\x00'
        Assert.Equal([1, 0, 0, 2, (byte)'a', (byte)'b', 0, 0], StructFormat.Pack("!BxH4s", (byte)1, 2, "ab"u8.ToArray()));
    }

    [Theory]
    [InlineData("HI", 0, "start with a byte order")]
    [InlineData("@HI", 0, "'@' (native order with C alignment padding) is not supported")]
    [InlineData("!HZ", 2, "'Z' is not a format code")]
    [InlineData("!H12", 2, "the count 12 has no format code after it")]
    public void Parse_BadFormat_PointsAtTheProblem(string format, int position, string problem)
    {
        var ex = Assert.Throws<StructFormatException>(() => StructFormat.Parse(format));

        Assert.Equal(position, ex.Position);
        Assert.StartsWith($"Struct format '{format}', position {position}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_OutOfRange_SaysWhichValueAndTheRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StructFormat.Pack("!HH", 1, 70000));

        Assert.Contains("Value 2 (70000) does not fit format code 'H' (0 to 65535)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_WrongCount_Throws() =>
        Assert.Contains("'!HI' packs 2 values; got 1.", Assert.Throws<ArgumentException>(() => StructFormat.Pack("!HI", 1)).Message, StringComparison.Ordinal);

    [Fact]
    public void Pack_WrongKind_Throws() =>
        Assert.Contains("Value 1 for format code 'H' in '!H' is a String (80); expected a number.", Assert.Throws<ArgumentException>(() => StructFormat.Pack("!H", "80")).Message, StringComparison.Ordinal);

    [Fact]
    public void Unpack_WrongSize_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => StructFormat.Unpack("!12I", new byte[47]));

        Assert.Equal("bytes", ex.ParamName);
        Assert.Contains("'!12I' needs exactly 48 bytes; got 47.", ex.Message, StringComparison.Ordinal);
    }

    [PeerTheory(Peer.Python)]
    [InlineData("!HI", "80, 3232235521")]
    [InlineData("<hIq", "-2, 7, -9")]
    [InlineData(">BxH4s", "1, 2, b'ab'")]
    [InlineData("!d2f", "1.5, -2.0, 0.25")]
    public async Task Pack_SameBytesAsPythonsStruct(string format, string pythonArgs)
    {
        var (code, stdout, stderr) = await TestSupport.Peers.RunAsync("python3",
            ["-c", $"import struct, sys; sys.stdout.write(struct.pack('{format}', {pythonArgs}).hex())"]);
        Assert.True(code == 0, stderr);
        object[] values = format switch
        {
            "!HI" => [80, 0xC0A80001u],
            "<hIq" => [(short)-2, 7u, -9L],
            ">BxH4s" => [(byte)1, 2, "ab"u8.ToArray()],
            _ => [1.5, -2.0f, 0.25f],
        };

        Assert.Equal(stdout, Convert.ToHexStringLower(StructFormat.Pack(format, values)));
    }

    [Fact]
    public void ToString_DescribesTheLayout() => Assert.Equal("!HI: big-endian, H I = 6 bytes", StructFormat.Parse("!HI").ToString());

    // Each code's bytes in network order, written out by hand (python3: struct.pack('!' + code, value).hex()).
    public static TheoryData<string, object, string> EveryCode => new()
    {
        { "c", (byte)'A', "41" },
        { "b", (sbyte)-5, "fb" },
        { "B", (byte)200, "c8" },
        { "?", true, "01" },
        { "?", false, "00" },
        { "h", (short)-300, "fed4" },
        { "H", (ushort)60000, "ea60" },
        { "i", -70000, "fffeee90" },
        { "l", 1, "00000001" },
        { "I", 4000000000u, "ee6b2800" },
        { "L", 2u, "00000002" },
        { "q", -2L, "fffffffffffffffe" },
        { "Q", 0x0102030405060708ul, "0102030405060708" },
        { "e", (Half)1.5, "3e00" },
        { "f", 2.5f, "40200000" },
        { "d", -3.25, "c00a000000000000" },
    };

    [Theory]
    [MemberData(nameof(EveryCode))]
    public void PackUnpack_EveryCode_InBothOrders(string code, object value, string networkOrder)
    {
        var littleEndian = Convert.ToHexStringLower([.. Convert.FromHexString(networkOrder).Reverse()]);

        Assert.Equal(networkOrder, Convert.ToHexStringLower(StructFormat.Pack("!" + code, value)));
        Assert.Equal(networkOrder, Convert.ToHexStringLower(StructFormat.Pack(">" + code, value)));
        Assert.Equal(littleEndian, Convert.ToHexStringLower(StructFormat.Pack("<" + code, value)));
        // This machine is little-endian: '=' is '<' here.
        Assert.Equal(BitConverter.IsLittleEndian ? littleEndian : networkOrder, Convert.ToHexStringLower(StructFormat.Pack("=" + code, value)));
        Assert.Equal(value, Assert.Single(StructFormat.Unpack("!" + code, Convert.FromHexString(networkOrder))));
        Assert.Equal(value, Assert.Single(StructFormat.Unpack("<" + code, Convert.FromHexString(littleEndian))));
    }

    [Theory]
    [InlineData("b", 128, "-128 to 127")]
    [InlineData("b", -129, "-128 to 127")]
    [InlineData("B", 256, "0 to 255")]
    [InlineData("c", -1, "0 to 255")]
    [InlineData("h", 32768, "-32768 to 32767")]
    [InlineData("H", -1, "0 to 65535")]
    [InlineData("i", 2147483648L, "-2147483648 to 2147483647")]
    [InlineData("l", -2147483649L, "-2147483648 to 2147483647")]
    [InlineData("I", 4294967296L, "0 to 4294967295")]
    [InlineData("L", -1, "0 to 4294967295")]
    [InlineData("q", ulong.MaxValue, "a signed 64-bit number")]
    [InlineData("Q", -1, "an unsigned 64-bit number")]
    public void Pack_OutOfRange_InEitherOrder_NamesTheCodesRange(string code, object value, string range)
    {
        foreach (var order in new[] { "!", "<" })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StructFormat.Pack(order + code, value));

            Assert.Contains($"Value 1 ({value}) does not fit format code '{code}' ({range})", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pack_TheEdgesOfARange_Fit()
    {
        Assert.Equal([0x7F, 0x80, 0xFF], StructFormat.Pack("!bbB", 127, -128, 255));
        Assert.Equal([0x80, 0x00, 0x7F, 0xFF], StructFormat.Pack("!hh", short.MinValue, short.MaxValue));
    }

    [Fact]
    public void Pack_WrongKinds_SayWhatWasGivenAndWhatIsExpected()
    {
        Assert.Contains("Value 2 for format code 's' in '!H2s' is a String (x); expected a byte[].",
            Assert.Throws<ArgumentException>(() => StructFormat.Pack("!H2s", 1, "x")).Message, StringComparison.Ordinal);
        Assert.Contains("Value 1 for format code '?' in '!?' is a Int32 (1); expected a bool.",
            Assert.Throws<ArgumentException>(() => StructFormat.Pack("!?", 1)).Message, StringComparison.Ordinal);
        Assert.Contains("Value 1 for format code 'H' in '!H' is null; expected a number.",
            Assert.Throws<ArgumentException>(() => StructFormat.Pack("!H", [null!])).Message, StringComparison.Ordinal);
        Assert.Contains("'!H' packs 1 value; got 2.", Assert.Throws<ArgumentException>(() => StructFormat.Pack("!H", 1, 2)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => StructFormat.Parse("!H").Pack(null!));
        Assert.Throws<ArgumentNullException>(() => StructFormat.Parse(null!));
    }

    [Fact]
    public void PackUnpack_FieldsAfterAString_LandAfterIt()
    {
        Assert.Equal([1, 2, 3, 4, 9], StructFormat.Pack("!2sHB", new byte[] { 1, 2 }, 0x0304, 9));

        var back = StructFormat.Unpack("!2sHB", [1, 2, 3, 4, 9]);

        Assert.Equal([1, 2], (byte[])back[0]);
        Assert.Equal((ushort)0x0304, back[1]);
        Assert.Equal((byte)9, back[2]);
    }

    [Fact]
    public void Parse_SpacesBetweenCodes_AreIgnoredAsPythonIgnoresThem()
    {
        Assert.Equal(6, StructFormat.CalcSize("! H I"));
        Assert.Equal([0, 80, 0, 0, 0, 1], StructFormat.Pack("! H I", 80, 1));
    }

    [Fact]
    public void ToString_CountsAndLittleEndian() =>
        Assert.Equal("<2HxI: little-endian, 2H x I = 9 bytes", StructFormat.Parse("<2HxI").ToString());
}
