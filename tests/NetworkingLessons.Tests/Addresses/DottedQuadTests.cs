using System.Net;
using NetworkingLessons.Addresses;

namespace NetworkingLessons.Tests.Addresses;

public sealed class DottedQuadTests
{
    [Theory]
    [InlineData("192.168.0.1", 0xC0A80001u, "c0a80001", "11000000.10101000.00000000.00000001")]
    [InlineData("127.0.0.1", 0x7F000001u, "7f000001", "01111111.00000000.00000000.00000001")]
    [InlineData("0.0.0.0", 0u, "00000000", "00000000.00000000.00000000.00000000")]
    [InlineData("255.255.255.255", 0xFFFFFFFFu, "ffffffff", "11111111.11111111.11111111.11111111")]
    public void Conversions_RoundTrip(string text, uint number, string hex, string binary)
    {
        var address = DottedQuad.Parse(text);

        Assert.Equal(number, DottedQuad.ToUInt32(address));
        Assert.Equal(hex, DottedQuad.ToHex(address));
        Assert.Equal(binary, DottedQuad.ToBinary(address));
        Assert.Equal(text, DottedQuad.FromUInt32(number).ToString());
        Assert.Equal(text, DottedQuad.Unpack(DottedQuad.Pack(text)));
    }

    [Fact]
    public void Pack_IsNetworkOrder_MostSignificantFirst()
    {
        Assert.Equal([192, 168, 0, 1], DottedQuad.Pack("192.168.0.1"));
    }

    [Theory]
    [InlineData("1", "it has 1 part; a dotted quad has exactly 4.")]
    [InlineData("192.168.1", "it has 3 parts; a dotted quad has exactly 4.")]
    [InlineData("1.2.3.4.5", "it has 5 parts; a dotted quad has exactly 4.")]
    [InlineData("010.0.0.1", "part 1 ('010') has a leading zero, which some parsers read as octal.")]
    [InlineData("256.1.1.1", "part 1 (256) is above 255.")]
    [InlineData("1.2.3.1000", "part 4 (1000) is above 255.")]
    [InlineData(" 1.2.3.4", "it has spaces around it.")]
    [InlineData("1.2.3.4 ", "it has spaces around it.")]
    [InlineData("0x7f.0.0.1", "part 1 ('0x7f') is not a decimal number.")]
    [InlineData("1..3.4", "part 2 is empty.")]
    [InlineData("", "it is empty.")]
    [InlineData("1.2.3.-4", "part 4 ('-4') is not a decimal number.")]
    public void Parse_NotStrict_RejectedNamingTheProblem(string text, string problem)
    {
        var ex = Assert.Throws<AddressFormatException>(() => DottedQuad.Parse(text));

        Assert.Equal(text, ex.Text);
        Assert.Equal(problem, ex.Problem);
        Assert.Equal($"'{text}' is not a dotted quad: {problem}", ex.Message);
        Assert.False(DottedQuad.TryParse(text, out _));
    }

    [Fact]
    public void CompareParsers_ShowsWhatDotNetAccepts()
    {
        var table = DottedQuad.CompareParsers(["1", "010.0.0.1", "1.2.3.4"]);

        Assert.Equal(["\"1\"", "0.0.0.1", "rejected: it has 1 part; a dotted quad has exactly 4."], table.Rows[0]);
        Assert.Equal("8.0.0.1", table.Rows[1][1]); // .NET reads the leading zero as octal
        Assert.Equal(["\"1.2.3.4\"", "1.2.3.4", "1.2.3.4"], table.Rows[2]);
    }

    [Fact]
    public void Unpack_WrongLength_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => DottedQuad.Unpack(new byte[5]));

        Assert.Equal("bytes", ex.ParamName);
        Assert.Contains("4 bytes, not 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUInt32_IPv6_Throws()
    {
        Assert.Contains("::1 is not an IPv4 address", Assert.Throws<ArgumentException>(() => DottedQuad.ToUInt32(IPAddress.IPv6Loopback)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareParsers_AnIPv6AddressIsNoIPv4OneToEither()
    {
        var row = DottedQuad.CompareParsers(["::1"]).Rows[0];

        Assert.Equal("rejected", row[1]);
        Assert.StartsWith("rejected: ", row[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AStrictQuad_GivesItsAddress()
    {
        Assert.True(DottedQuad.TryParse("10.0.0.1", out var address));
        Assert.Equal(System.Net.IPAddress.Parse("10.0.0.1"), address);
        Assert.False(DottedQuad.TryParse(null, out var none));
        Assert.Equal(System.Net.IPAddress.None, none);
    }

    [Fact]
    public void NullArguments_AreNamed()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => DottedQuad.Parse(null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => DottedQuad.Pack(null!)).ParamName);
        Assert.Equal("texts", Assert.Throws<ArgumentNullException>(() => DottedQuad.CompareParsers(null!)).ParamName);
        Assert.Equal("address", Assert.Throws<ArgumentNullException>(() => DottedQuad.ToUInt32(null!)).ParamName);
    }
}
