using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NetworkingLessons.Kernel.Messaging;

namespace NetworkingLessons.Kernel.Tests.Messaging;

public class JupyterMessageTests
{
    private static readonly MessageSigner Signer = new("secret-key");

    [Fact]
    public void Sign_IsHmacSha256HexOfTheFourParts()
    {
        var parts = new[] { "{\"a\":1}", "{}", "{}", "{\"code\":\"1\"}" }.Select(Encoding.UTF8.GetBytes).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("secret-key"u8, parts.SelectMany(p => p).ToArray()));
        Assert.Equal(expected, Encoding.ASCII.GetString(Signer.Sign(parts[0], parts[1], parts[2], parts[3])));
        Assert.True(Signer.Verify(Encoding.ASCII.GetBytes(expected), parts[0], parts[1], parts[2], parts[3]));
        Assert.False(Signer.Verify(Encoding.ASCII.GetBytes(expected.ToUpperInvariant()), parts[0], parts[1], parts[2], parts[3]));
        Assert.False(Signer.Verify(Encoding.ASCII.GetBytes(expected), parts[0], parts[1], parts[2], "{}"u8));
    }

    [Fact]
    public void EmptyKey_SignsEmpty_ChecksNothing()
    {
        var unsigned = new MessageSigner("");
        Assert.False(unsigned.IsSigning);
        Assert.Empty(unsigned.Sign("{}"u8, "{}"u8, "{}"u8, "{}"u8));
        Assert.True(unsigned.Verify("anything"u8, "{}"u8, "{}"u8, "{}"u8, "{}"u8));
    }

    [Fact]
    public void ToFrames_Parse_RoundTrip_IdentitiesAndBuffersKept()
    {
        var parent = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1" }, "client", identities: ["peer"u8.ToArray()]);
        var reply = JupyterMessage.Create("execute_reply", new JsonObject { ["status"] = "ok" }, "kernel", parent) with { Buffers = [[1, 2, 3]] };
        var frames = reply.ToFrames(Signer);
        Assert.Equal("peer", Encoding.ASCII.GetString(frames[0]));
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[1]));
        var parsed = JupyterMessage.Parse(frames, Signer);
        Assert.Equal("execute_reply", parsed.MessageType);
        Assert.Equal("5.3", (string?)parsed.Header["version"]);
        Assert.EndsWith("Z", (string?)parsed.Header["date"], StringComparison.Ordinal);
        Assert.Equal(parent.MessageId, (string?)parsed.ParentHeader["msg_id"]);
        Assert.Equal([1, 2, 3], Assert.Single(parsed.Buffers));
        Assert.Equal("peer", Encoding.ASCII.GetString(Assert.Single(parsed.Identities)));
    }

    [Fact]
    public void Parse_TamperedContent_RefusedBeforeParsing()
    {
        var frames = JupyterMessage.Create("kernel_info_request", [], "client").ToFrames(Signer);
        frames[^1] = "{\"evil\":true}"u8.ToArray();
        Assert.Contains("invalid signature", Assert.Throws<JupyterWireException>(() => JupyterMessage.Parse(frames, Signer)).Message, StringComparison.Ordinal);
        var notJson = JupyterMessage.Create("kernel_info_request", [], "client").ToFrames(new MessageSigner(""));
        notJson[^1] = "{not json"u8.ToArray();
        // Unsigned, so the JSON is read, and refused by name.
        Assert.Contains("content is not JSON", Assert.Throws<JupyterWireException>(() => JupyterMessage.Parse(notJson, new MessageSigner(""))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoDelimiterOrTooFewFrames_Refused()
    {
        Assert.Contains("delimiter", Assert.Throws<JupyterWireException>(() => JupyterMessage.Parse([[1], [2]], Signer)).Message, StringComparison.Ordinal);
        Assert.Contains("3 frames after the delimiter", Assert.Throws<JupyterWireException>(() =>
            JupyterMessage.Parse([JupyterMessage.Delimiter, [], [], []], Signer)).Message, StringComparison.Ordinal);
        var array = JupyterMessage.Create("x", [], "s").ToFrames(new MessageSigner(""));
        array[3] = "[1]"u8.ToArray();
        Assert.Contains("header is not a JSON object", Assert.Throws<JupyterWireException>(() => JupyterMessage.Parse(array, new MessageSigner(""))).Message, StringComparison.Ordinal);
    }
}
