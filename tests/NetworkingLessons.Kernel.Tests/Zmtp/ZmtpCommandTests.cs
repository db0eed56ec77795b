using System.Text;
using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Tests.Zmtp;

public class ZmtpCommandTests
{
    [Fact]
    public void Ready_ToFrame_NameLengthNamePropertiesAsRfc37()
    {
        var frame = ZmtpCommand.Ready([new("Socket-Type", "PUB"u8.ToArray())]).ToFrame();
        Assert.True(frame.IsCommand);
        byte[] expected = [5, .. "READY"u8, 11, .. "Socket-Type"u8, 0, 0, 0, 3, .. "PUB"u8];
        Assert.Equal(expected, frame.Body);
    }

    [Fact]
    public void Properties_RoundTrip_ExactCasing()
    {
        var command = ZmtpCommand.Parse(ZmtpCommand.Ready([new("Socket-Type", "DEALER"u8.ToArray()), new("Identity", [])]).ToFrame().Body);
        Assert.Equal("READY", command.Name);
        var properties = command.Properties();
        Assert.Equal("DEALER", Encoding.ASCII.GetString(properties["Socket-Type"]));
        Assert.Empty(properties["Identity"]);
        Assert.False(properties.ContainsKey("socket-type"));
    }

    [Fact]
    public void Parse_NameLongerThanBody_Throws()
    {
        Assert.Throws<ZmtpProtocolException>(() => ZmtpCommand.Parse([9, (byte)'P']));
        Assert.Throws<ZmtpProtocolException>(() => ZmtpCommand.Parse([]));
        Assert.Equal("PING", ZmtpCommand.Parse([4, .. "PING"u8]).Name);
    }

    [Fact]
    public void Properties_ValueRunsPastData_NamesOffset()
    {
        byte[] data = [4, .. "Name"u8, 0, 0, 0, 9, 1, 2];
        var ex = Assert.Throws<ZmtpProtocolException>(() => new ZmtpCommand("READY", data).Properties());
        Assert.Contains("offset 9", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ZmtpProtocolException>(() => new ZmtpCommand("READY", [20, 1, 2]).Properties());
    }

    [Theory]
    [InlineData("ROUTER", "DEALER", true)]
    [InlineData("ROUTER", "REQ", true)]
    [InlineData("ROUTER", "SUB", false)]
    [InlineData("PUB", "SUB", true)]
    [InlineData("PUB", "DEALER", false)]
    [InlineData("REP", "REQ", true)]
    [InlineData("REP", "PUB", false)]
    [InlineData("DEALER", "ROUTER", false)]
    public void IsCompatible_AsRfc28And29(string ours, string theirs, bool compatible) =>
        Assert.Equal(compatible, ZmtpSocketType.IsCompatible(ours, theirs));
}
