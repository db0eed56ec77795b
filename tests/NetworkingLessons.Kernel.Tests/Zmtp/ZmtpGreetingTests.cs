using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Tests.Zmtp;

public class ZmtpGreetingTests
{
    [Fact]
    public void Ours_Bytes_AsRfc37Lays_ThemOut()
    {
        var bytes = ZmtpGreeting.Ours.ToBytes();
        Assert.Equal(64, bytes.Length);
        Assert.Equal(0xFF, bytes[0]);
        Assert.All(bytes[1..9], b => Assert.Equal(0, b));
        Assert.Equal(0x7F, bytes[9]);
        Assert.Equal(3, bytes[10]);
        Assert.Equal(1, bytes[11]);
        Assert.Equal("NULL"u8.ToArray(), bytes[12..16]);
        Assert.All(bytes[16..], b => Assert.Equal(0, b)); // as-server 0 and filler, as libzmq checks for NULL
    }

    [Fact]
    public void Parse_LibzmqStylePadding_Ignored()
    {
        var bytes = ZmtpGreeting.Ours.ToBytes();
        bytes[8] = 0x01; // libzmq puts identity length + 1 in the padding
        var greeting = ZmtpGreeting.Parse(bytes);
        Assert.Equal((3, 1, "NULL", false), (greeting.Major, greeting.Minor, greeting.Mechanism, greeting.AsServer));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 1)]
    [InlineData(3, 9)]
    [InlineData(4, 0)]
    public void Parse_Version3OrLater_Accepted(byte major, byte minor)
    {
        var greeting = ZmtpGreeting.Parse(new ZmtpGreeting(major, minor, "NULL", false).ToBytes());
        Assert.Equal((major, minor), (greeting.Major, greeting.Minor));
    }

    [Fact]
    public void Parse_Version2_Refused()
    {
        var ex = Assert.Throws<ZmtpProtocolException>(() => ZmtpGreeting.Parse(new ZmtpGreeting(2, 0, "NULL", false).ToBytes()));
        Assert.Contains("byte 10 says version 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadSignature_NamesTheBytes()
    {
        var bytes = ZmtpGreeting.Ours.ToBytes();
        bytes[9] = 0x00;
        Assert.Contains("0x00", Assert.Throws<ZmtpProtocolException>(() => ZmtpGreeting.Parse(bytes)).Message, StringComparison.Ordinal);
        bytes = ZmtpGreeting.Ours.ToBytes();
        bytes[0] = (byte)'G'; // an HTTP client: "GET / ..."
        Assert.Contains("not a ZMTP 3 peer", Assert.Throws<ZmtpProtocolException>(() => ZmtpGreeting.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OtherMechanismOrLength_Refused()
    {
        Assert.Contains("\"PLAIN\"", Assert.Throws<ZmtpProtocolException>(() => ZmtpGreeting.Parse(new ZmtpGreeting(3, 1, "PLAIN", false).ToBytes())).Message, StringComparison.Ordinal);
        Assert.Contains("63 bytes", Assert.Throws<ZmtpProtocolException>(() => ZmtpGreeting.Parse(new byte[63])).Message, StringComparison.Ordinal);
    }
}
