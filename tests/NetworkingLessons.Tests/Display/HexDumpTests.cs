using NetworkingLessons.Display;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Display;

public sealed class HexDumpTests
{
    [Fact]
    public void ToString_LooksLikeHexdumpC()
    {
        var dump = HexDump.Of("Hello, loopback!\n"u8);

        Assert.Equal("""
            00000000  48 65 6c 6c 6f 2c 20 6c  6f 6f 70 62 61 63 6b 21  |Hello, loopback!|
            00000010  0a                                                |.|
            00000011
            """.ReplaceLineEndings("\n"), dump.ToString());
    }

    [Fact]
    public void WithField_ListsFieldsAndColoursThemInHtml()
    {
        var packet = new byte[48];
        packet[0] = 0x23;

        var dump = HexDump.Of(packet).WithField(0, 1, "LI/VN/Mode", "0/4/3").WithField(40, 8, "Transmit timestamp");

        Assert.EndsWith("   0..0    LI/VN/Mode = 0/4/3\n  40..47   Transmit timestamp", dump.ToString(), StringComparison.Ordinal);
        var html = dump.ToMimeBundle()["text/html"];
        Assert.Contains("<span style=\"background:#dbeafe\">23</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td>LI/VN/Mode</td><td>0/4/3</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 1, "does not lie within")]
    [InlineData(47, 2, "does not lie within")]
    [InlineData(3, 2, "overlaps 'Stratum'")]
    public void WithField_OutsideOrOverlapping_Throws(int offset, int length, string problem)
    {
        var dump = HexDump.Of(new byte[48]).WithField(1, 3, "Stratum");

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => dump.WithField(offset, length, "x"));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [PeerFact(Peer.Hexdump)]
    public async Task ToString_IsWhatHexdumpCPrints_ForEveryLengthAndByte()
    {
        using var temp = new TempFolder("hexdump");
        var random = new Random(20261207);
        var lengths = Enumerable.Range(1, 40).Concat([47, 48, 63, 64, 65, 255, 256, 257]);
        foreach (var length in lengths)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            if (length == 256)
            {
                bytes = [.. Enumerable.Range(0, 256).Select(i => (byte)i)]; // every byte value once
            }
            var path = temp[$"bytes-{length}"];
            await File.WriteAllBytesAsync(path, bytes);

            var (code, stdout, stderr) = await Peers.RunAsync(Peers.Hexdump, ["-v", "-C", path]);

            Assert.True(code == 0, stderr);
            Assert.Equal(stdout.TrimEnd('\n'), HexDump.Of(bytes).ToString());
        }
    }
}
