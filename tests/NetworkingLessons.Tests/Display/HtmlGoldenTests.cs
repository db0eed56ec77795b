using NetworkingLessons.Display;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Display;

/// <summary>
/// The HTML a notebook shows for a hex dump and a table, against golden files (as the charts' SVG and
/// Plotly figures are): the markup, colours, padding and alignment, not only the text beside them.
/// </summary>
public sealed class HtmlGoldenTests
{
    private static readonly string GoldenFolder = Path.Combine(TestSupport.CourseFiles.Root, "tests", "NetworkingLessons.Tests", "Display", "Golden");

    private sealed record Row(string Name, int? Port, double Seconds, IReadOnlyList<string> Tags);

    public static TheoryData<string> Pages() => [.. Golden.Keys];

    private static readonly Dictionary<string, Func<string>> Golden = new()
    {
        // Two lines, the second short (padding), bytes at the edges of printable ASCII, and HTML to escape.
        ["hexdump"] = () => HexDump.Of([0x1F, 0x20, 0x7E, 0x7F, (byte)'<', (byte)'&', .. "GET / HTTP/1.1"u8, 0, 0xFF])
            .WithField(0, 2, "flags", "0x1F20")
            .WithField(4, 2, "markup", "<&")
            .WithField(6, 14, "request line")
            .ToMimeBundle()["text/html"],
        // More fields than colours: the colours start again.
        ["hexdump-many-fields"] = () => Enumerable.Range(0, 9).Aggregate(HexDump.Of(new byte[9]), (dump, i) => dump.WithField(i, 1, $"field {i}")).ToMimeBundle()["text/html"],
        ["table"] = () => Table.Of([new Row("echo", 7, 0.25, ["tcp", "udp"]), new Row("<none>", null, 12, []), null])
            .ToMimeBundle()["text/html"],
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Html_FixedData_MatchesGoldenFile(string name)
    {
        var html = Golden[name]() + "\n";
        GoldenFile.AssertMatches(Path.Combine(GoldenFolder, name + ".html"), html);
    }

    [Fact]
    public void HexDump_TheMimeBundle_IsTheTextAndTheHtml()
    {
        var dump = HexDump.Of("hi"u8);

        Assert.Equal(["text/plain", "text/html"], dump.ToMimeBundle().Keys);
        Assert.Equal(dump.ToString(), dump.ToMimeBundle()["text/plain"]);
    }

    [Theory]
    [InlineData(0, 2, 1, 2, "Field 'b' (bytes 1–2) overlaps 'a' (bytes 0–1).")]
    [InlineData(2, 2, 3, 3, "Field 'b' (bytes 3–5) overlaps 'a' (bytes 2–3).")]
    public void HexDump_AFieldOverlappingAnother_IsRefused_NamingBothRanges(int aOffset, int aLength, int bOffset, int bLength, string message)
    {
        var dump = HexDump.Of(new byte[8]).WithField(aOffset, aLength, "a");

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => dump.WithField(bOffset, bLength, "b"));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HexDump_FieldsThatTouch_DoNotOverlap_AndBadArgumentsAreRefused()
    {
        var dump = HexDump.Of(new byte[4]).WithField(0, 2, "a").WithField(2, 2, "b"); // bytes 0–1 and 2–3

        Assert.Equal(2, dump.Fields.Count);
        Assert.Throws<ArgumentNullException>(() => HexDump.Of((byte[])null!));
        Assert.ThrowsAny<ArgumentException>(() => HexDump.Of(new byte[4]).WithField(0, 1, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => HexDump.Of(new byte[4]).WithField(0, 0, "empty"));
    }

    [Fact]
    public void Table_RefusesNoRecords_AndACellLimitUnder24()
    {
        Assert.Throws<ArgumentNullException>(() => Table.Of<Row>(null!));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Table.Of([new Row("a", 1, 1, [])]).WithCellLimit(23));
        Assert.StartsWith("A cell limit under 24 characters", ex.Message, StringComparison.Ordinal);
        var table = Table.Of([new Row(new string('n', 40), 1, 1, [])]);
        Assert.DoesNotContain(new string('n', 25), table.WithCellLimit(24).ToString(), StringComparison.Ordinal); // 24 is allowed, and cuts
        Assert.Contains(new string('n', 40), table.WithCellLimit(null).ToString(), StringComparison.Ordinal);
    }
}
