using System.Text;
using NetworkingLessons.Jupyter;

namespace NetworkingLessons.Tests.Jupyter;

public class ZmtpWireTests
{
    private static MemoryStream Bytes(params byte[] bytes) => new(bytes);

    [Fact]
    public void ReadFrame_ShortAndLong_FlagsBodyAndRawKept()
    {
        var stream = Bytes([0x01, 0x02, 0xAA, 0xBB, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xCC]);
        var first = ZmtpWire.ReadFrame(stream);
        Assert.Equal((true, false), (first.More, first.IsCommand));
        Assert.Equal(new byte[] { 0xAA, 0xBB }, first.Body);
        Assert.Equal(new byte[] { 0x01, 0x02, 0xAA, 0xBB }, first.Raw);
        var second = ZmtpWire.ReadFrame(stream);
        Assert.False(second.More);
        Assert.Equal(new byte[] { 0xCC }, second.Body);
        Assert.Equal(10, second.Raw.Length);
    }

    [Fact]
    public void ReadFrame_BadInput_SaysWhat()
    {
        Assert.Contains("reserved bits", Assert.Throws<FormatException>(() => ZmtpWire.ReadFrame(Bytes(0x10, 0))).Message, StringComparison.Ordinal);
        Assert.Contains("over the", Assert.Throws<FormatException>(() => ZmtpWire.ReadFrame(Bytes(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF))).Message, StringComparison.Ordinal);
        Assert.Throws<EndOfStreamException>(() => ZmtpWire.ReadFrame(Bytes(0x00, 5, 1)));
        Assert.Throws<EndOfStreamException>(() => ZmtpWire.ReadFrame(Bytes()));
    }

    [Fact]
    public void ReadMessage_SkipsLeadingCommands_StopsAtLastFrame()
    {
        var stream = Bytes([0x04, 0x05, 4, .. "PING"u8, 0x01, 0x01, 0x41, 0x00, 0x01, 0x42, 0x00, 0x01, 0x43]);
        var message = ZmtpWire.ReadMessage(stream);
        Assert.Equal(["A", "B"], message.Select(f => Encoding.ASCII.GetString(f.Body)));
        Assert.Equal("C", Encoding.ASCII.GetString(ZmtpWire.ReadMessage(stream).Single().Body));
    }

    // A ZMTP 3.1 greeting: signature, version, mechanism, as-server, filler.
    private static byte[] Greeting(ReadOnlySpan<byte> mechanism, byte asServer)
    {
        var greeting = new byte[64];
        greeting[0] = 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        mechanism.CopyTo(greeting.AsSpan(12));
        greeting[32] = asServer;
        return greeting;
    }

    [Fact]
    public void Greeting_NamesEveryField()
    {
        var dump = ZmtpWire.Greeting(Greeting("NULL"u8, asServer: 0));
        Assert.Equal(["signature start", "padding", "signature end", "major version", "minor version", "mechanism", "as-server", "filler"], dump.Fields.Select(f => f.Name));
        Assert.Equal("NULL", dump.Fields.Single(f => f.Name == "mechanism").Value);
        Assert.Equal("ff 00", dump.ToString()[10..15]);
        Assert.Equal("greeting", Assert.Throws<ArgumentException>(() => ZmtpWire.Greeting(new byte[63])).ParamName);
    }

    [Fact]
    public void Frames_JupyterMessage_PartsNamedByPlace()
    {
        byte[][] parts = ["peer"u8.ToArray(), "<IDS|MSG>"u8.ToArray(), "abc"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{\"x\":1}"u8.ToArray(), [1, 2]];
        var frames = parts.Select((p, i) => new ZmtpWireFrame((byte)(i < parts.Length - 1 ? 1 : 0), p, [(byte)(i < parts.Length - 1 ? 1 : 0), (byte)p.Length, .. p])).ToList();
        var dump = ZmtpWire.Frames(frames);
        var roles = dump.Fields.Where(f => f.Name.Contains(':', StringComparison.Ordinal)).Select(f => f.Name[(f.Name.IndexOf(':', StringComparison.Ordinal) + 2)..]);
        Assert.Equal(["identity", "delimiter", "signature", "header", "parent header", "metadata", "content", "buffer"], roles);
        Assert.Equal("MORE", dump.Fields.First(f => f.Name == "frame 1 flags").Value);
        Assert.Equal("last frame", dump.Fields.First(f => f.Name == "frame 8 flags").Value);
        Assert.Equal("2 bytes", dump.Fields.Last().Value);
    }

    [Fact]
    public void Frames_LongFrameAndCommand_Named()
    {
        var body = new byte[300];
        var longFrame = new ZmtpWireFrame(0x02, body, [0x02, 0, 0, 0, 0, 0, 0, 0x01, 0x2C, .. body]);
        byte[] ready = [5, .. "READY"u8];
        var command = new ZmtpWireFrame(0x04, ready, [0x04, (byte)ready.Length, .. ready]);
        var dump = ZmtpWire.Frames([command, longFrame]);
        Assert.Equal("COMMAND", dump.Fields.First(f => f.Name == "frame 1 flags").Value);
        Assert.Contains(dump.Fields, f => f.Name == "frame 1: command READY");
        Assert.Equal((8, "300"), (dump.Fields.First(f => f.Name == "frame 2 size").Length, dump.Fields.First(f => f.Name == "frame 2 size").Value));
        Assert.Contains(dump.Fields, f => f.Name == "frame 2: data");
    }

    [Fact]
    public void ReadFrame_ASizeAtTheLimit_IsRead_AndOneMoreIsRefused()
    {
        byte[] header = [0x02, 0, 0, 0, 0, 0, 0, 0, 0];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(1), ZmtpWire.MaxFrameBytes);
        var atLimit = ZmtpWire.ReadFrame(new MemoryStream([.. header, .. new byte[ZmtpWire.MaxFrameBytes]]));
        Assert.Equal(ZmtpWire.MaxFrameBytes, atLimit.Body.Length);

        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(1), ZmtpWire.MaxFrameBytes + 1UL);
        var ex = Assert.Throws<FormatException>(() => ZmtpWire.ReadFrame(new MemoryStream(header)));
        Assert.Equal("ZMTP frame: a size of 16777217 bytes is over the 16777216-byte limit.", ex.Message);
        Assert.Equal(16 << 20, ZmtpWire.MaxFrameBytes);
    }

    [Fact]
    public void ReadFrame_TheStreamEndingInsideAFrame_SaysSo()
    {
        Assert.Equal("ZMTP: the connection ended inside a frame.", Assert.Throws<EndOfStreamException>(() => ZmtpWire.ReadFrame(Bytes(0x01))).Message);
        Assert.Equal("ZMTP frame: flags 0x08 set reserved bits 3-7.", Assert.Throws<FormatException>(() => ZmtpWire.ReadFrame(Bytes(0x08, 0))).Message);
        Assert.Throws<ArgumentNullException>(() => ZmtpWire.ReadFrame(null!));
    }

    [Theory]
    [InlineData(0, "0 (NULL has no server)")]
    [InlineData(1, "1")]
    public void Greeting_GivesEachFieldsValue(byte asServer, string asServerValue)
    {
        var dump = ZmtpWire.Greeting(Greeting("PLAIN"u8, asServer));

        Assert.Equal(
            [("signature start", "0xFF"), ("padding", "not checked"), ("signature end", "0x7F"), ("major version", "3"), ("minor version", "1"),
             ("mechanism", "PLAIN"), ("as-server", asServerValue), ("filler", "zeros")],
            dump.Fields.Select(f => (f.Name, f.Value)));
    }

    [Fact]
    public void Greeting_NotSixtyFourBytes_SaysHowMany()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZmtpWire.Greeting(new byte[10]));
        Assert.StartsWith("A ZMTP greeting is 64 bytes, not 10.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ZmtpWire.Greeting(null!));
        Assert.Throws<ArgumentNullException>(() => ZmtpWire.Frames(null!));
    }

    private static ZmtpWireFrame Short(byte flags, byte[] body) => new(flags, body, [flags, (byte)body.Length, .. body]);

    [Fact]
    public void Frames_FlagsCombined_AnEmptyFrameHasNoBodyField_AndADelimiterFirstHasNoIdentities()
    {
        var body = "x"u8.ToArray();
        var longMore = new ZmtpWireFrame(0x03, body, [0x03, 0, 0, 0, 0, 0, 0, 0, 1, .. body]);
        var dump = ZmtpWire.Frames([Short(1, "<IDS|MSG>"u8.ToArray()), Short(1, []), longMore, Short(0, "{}"u8.ToArray())]);

        Assert.Equal("MORE+LONG", dump.Fields.Single(f => f.Name == "frame 3 flags").Value);
        Assert.Equal("0", dump.Fields.Single(f => f.Name == "frame 2 size").Value);
        Assert.DoesNotContain(dump.Fields, f => f.Name.StartsWith("frame 2:", StringComparison.Ordinal));
        Assert.Equal(["frame 1: delimiter", "frame 3: header", "frame 4: parent header"], dump.Fields.Where(f => f.Name.Contains(':', StringComparison.Ordinal)).Select(f => f.Name));
    }

    [Fact]
    public void Frames_ACommandWhoseNameLengthOverrunsItsBody_ShowsWhatIsThere()
    {
        var dump = ZmtpWire.Frames([Short(0x04, [200, .. "READY"u8])]);

        Assert.Contains(dump.Fields, f => f.Name == "frame 1: command READY");
    }

    [Theory]
    [InlineData(60, false)]
    [InlineData(61, true)]
    public void Frames_PreviewText_UpToSixtyCharacters_ThenAnEllipsis(int length, bool cut)
    {
        var text = new string('a', length);

        var preview = ZmtpWire.Frames([Short(0, Encoding.ASCII.GetBytes(text))]).Fields.Last().Value;

        Assert.Equal(cut ? new string('a', 60) + "…" : text, preview);
    }

    [Fact]
    public void Frames_ABodyWithAControlCharacter_IsShownAsItsSize()
    {
        Assert.Equal("3 bytes", ZmtpWire.Frames([Short(0, [(byte)'a', 0x07, (byte)'b'])]).Fields.Last().Value);
    }
}
