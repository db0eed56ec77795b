using System.Net;
using NetworkingLessons.Kernel.Messaging;

namespace NetworkingLessons.Kernel.Tests.Messaging;

public class ConnectionInfoTests
{
    private const string Good = """
        {"shell_port": 1001, "iopub_port": 1002, "stdin_port": 1003, "control_port": 1004, "hb_port": 1005,
         "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "x"}
        """;

    [Fact]
    public void Parse_JupyterClientsFile_AllFields()
    {
        var info = ConnectionInfo.Parse(Good);
        Assert.Equal((IPAddress.Loopback, 1001, 1002, 1003, 1004, 1005, "k"),
            (info.Ip, info.ShellPort, info.IopubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort, info.Key));
    }

    [Theory]
    [InlineData("\"shell_port\": 1001", "\"shell_port\": 70000", "\"shell_port\" is 70000")]
    [InlineData("\"shell_port\": 1001", "\"shell_port\": \"a\"", "\"shell_port\" is \"a\"")]
    [InlineData("\"ip\": \"127.0.0.1\"", "\"ip\": \"localhost\"", "\"ip\" is \"localhost\", not an IP address")]
    [InlineData("\"transport\": \"tcp\"", "\"transport\": \"ipc\"", "tcp only")]
    [InlineData("\"signature_scheme\": \"hmac-sha256\"", "\"signature_scheme\": \"hmac-md5\"", "hmac-sha256 only")]
    [InlineData("\"hb_port\": 1005,", "", "\"hb_port\" is missing")]
    public void Parse_BadField_NamesFileAndField(string field, string replacement, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ConnectionInfo.Parse(Good.Replace(field, replacement, StringComparison.Ordinal), "conn.json"));
        Assert.StartsWith("conn.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_Refused()
    {
        Assert.Contains("not JSON", Assert.Throws<FormatException>(() => ConnectionInfo.Parse("{", "c.json")).Message, StringComparison.Ordinal);
        Assert.Contains("JSON object", Assert.Throws<FormatException>(() => ConnectionInfo.Parse("[]", "c.json")).Message, StringComparison.Ordinal);
    }
}
