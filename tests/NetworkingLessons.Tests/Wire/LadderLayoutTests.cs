using System.Xml.Linq;
using NetworkingLessons.Wire;
using static NetworkingLessons.Tests.Wire.Packets;

namespace NetworkingLessons.Tests.Wire;

/// <summary>How a ladder places endpoints and arrows, labels and colours them, and what it leaves out, on traces made for each case.</summary>
public sealed class LadderLayoutTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static CapturedPacket Udp(ushort from, ushort to, int length = 3, double seconds = 0, string source = "127.0.0.1", string destination = "127.0.0.1") =>
        Captured(Ethernet(IPv4(17, Packets.Udp(from, to, new byte[length]), source, destination)), seconds: seconds);

    private static CapturedPacket Tcp(ushort from, ushort to, TcpFlags flags, int length = 0, uint sequence = 0, uint acknowledgment = 0) =>
        Captured(Ethernet(IPv4(6, Packets.Tcp(from, to, sequence, acknowledgment, flags, payload: new byte[length]), "127.0.0.1", "127.0.0.1")));

    private static XElement[] Lines(string svg) => [.. XDocument.Parse(svg).Root!.Elements(Svg + "line")];

    private static XElement[] Texts(string svg) => [.. XDocument.Parse(svg).Root!.Elements(Svg + "text")];

    [Fact]
    public void Endpoints_AreTakenInOrderOfFirstAppearance_UpToFour_AndTheRestCounted()
    {
        var trace = new PacketTrace([Udp(1, 2), Udp(2, 3), Udp(3, 4), Udp(4, 1), Udp(5, 1), Udp(1, 6), Udp(2, 1)], "test");

        var ladder = trace.Ladder();

        Assert.Equal(["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "127.0.0.1:4"], ladder.Endpoints);
        Assert.Equal(2, ladder.LeftOut);
        Assert.Equal(5, ladder.Labels.Count);
        Assert.Contains("2 packets between other endpoints are not drawn.", ladder.ToSvg(), StringComparison.Ordinal);
        Assert.DoesNotContain("not drawn", trace.Where(p => p.SourcePort != 5 && p.DestinationPort != 6).Ladder().ToSvg(), StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_AreSpreadEvenlyBetweenTheMargins()
    {
        var two = Lines(new PacketTrace([Udp(1, 2)], "t").Ladder().ToSvg());
        var four = Lines(new PacketTrace([Udp(1, 2), Udp(3, 4)], "t").Ladder().ToSvg());

        Assert.Equal(["200", "600"], two.Take(2).Select(l => (string)l.Attribute("x1")!));
        Assert.Equal(["200", "333.3", "466.7", "600"], four.Take(4).Select(l => (string)l.Attribute("x1")!));
        // The arrow runs from the sender's column to the receiver's, 20 units down.
        var arrow = two[2];
        Assert.Equal(("200", "64", "600", "84"), ((string)arrow.Attribute("x1")!, (string)arrow.Attribute("y1")!, (string)arrow.Attribute("x2")!, (string)arrow.Attribute("y2")!));
    }

    [Fact]
    public void OneEndpoint_IsDrawnInTheMiddle()
    {
        var lines = Lines(new PacketTrace([Udp(1, 1)], "t").Ladder().ToSvg());

        Assert.Equal("400", (string)lines[0].Attribute("x1")!);
        Assert.Equal(("400", "400"), ((string)lines[1].Attribute("x1")!, (string)lines[1].Attribute("x2")!));
    }

    [Fact]
    public void Height_GrowsARowPerArrow()
    {
        static int Height(PacketTrace trace) => (int)XDocument.Parse(trace.Ladder().ToSvg()).Root!.Attribute("height")!;

        Assert.Equal(64 + 34 + 40, Height(new PacketTrace([], "t")));
        Assert.Equal(64 + 34 + 40, Height(new PacketTrace([Udp(1, 2)], "t")));
        Assert.Equal(64 + 3 * 34 + 40, Height(new PacketTrace([Udp(1, 2), Udp(2, 1), Udp(1, 2)], "t")));
    }

    [Fact]
    public void Arrows_AreColouredByWhatTheyCarry()
    {
        var trace = new PacketTrace([
            Tcp(1, 2, TcpFlags.Syn), Tcp(2, 1, TcpFlags.Syn | TcpFlags.Ack), Tcp(1, 2, TcpFlags.Ack), Tcp(1, 2, TcpFlags.Psh | TcpFlags.Ack, 5),
            Tcp(1, 2, TcpFlags.Fin | TcpFlags.Ack), Tcp(2, 1, TcpFlags.Rst | TcpFlags.Ack), Udp(3, 4)], "t");

        var colours = Lines(trace.Ladder().ToSvg()).Where(l => l.Attribute("marker-end") is not null).Select(l => (string)l.Attribute("stroke")!);

        Assert.Equal(["#15803d", "#15803d", "#6b7280", "#111827", "#1d4ed8", "#b91c1c", "#7c3aed"], colours);
    }

    [Fact]
    public void Labels_GiveFlagsRelativeNumbersAndLengths()
    {
        var trace = new PacketTrace([Tcp(1, 2, TcpFlags.Syn, sequence: 100), Tcp(1, 2, TcpFlags.Psh | TcpFlags.Ack, 7, 101, 0), Udp(3, 4, 9)], "t");

        var ladder = trace.Ladder();

        Assert.Equal(["SYN Seq=0", "PSH, ACK Seq=1 Len=7", "UDP Len=9"], ladder.Labels);
        Assert.Contains("3. UDP Len=9", Texts(ladder.ToSvg()).Select(t => t.Value));
    }

    [Fact]
    public void Text_DrawsEachArrowWithItsDirectionAndTime()
    {
        var trace = new PacketTrace([Udp(1, 2, seconds: 0), Udp(2, 1, seconds: 0.0125)], "t");

        var lines = trace.Ladder().ToString().Split('\n');

        Assert.Equal("127.0.0.1:1  |  127.0.0.1:2", lines[0]);
        Assert.Equal("     0.000 ms  127.0.0.1:1 ──► 127.0.0.1:2  1. UDP Len=3", lines[1]);
        Assert.Equal("    12.500 ms  127.0.0.1:2 ◄── 127.0.0.1:1  2. UDP Len=3", lines[2]);
        Assert.Contains("12.500", Texts(trace.Ladder().ToSvg()).Select(t => t.Value));
    }

    [Fact]
    public void MimeBundle_HasTextAndSvg()
    {
        var ladder = new PacketTrace([Udp(1, 2)], "t").Ladder();

        var bundle = ladder.ToMimeBundle();

        Assert.Equal(ladder.ToString(), bundle["text/plain"]);
        Assert.Equal(ladder.ToSvg(), bundle["image/svg+xml"]);
    }

    [Fact]
    public void PacketsWithoutPorts_AreNotDrawn()
    {
        var trace = new PacketTrace([Captured(Ethernet(IPv4(1, new byte[8]))), Udp(1, 2)], "t");

        var ladder = trace.Ladder();

        Assert.Equal(["UDP Len=3"], ladder.Labels);
        Assert.Equal(0, ladder.LeftOut);
        Assert.DoesNotContain("No TCP or UDP packets", ladder.ToSvg(), StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_AreEscapedInTheSvg()
    {
        var svg = new PacketTrace([Captured(Ethernet(IPv6(17, Packets.Udp(1, 2, [1]), "fe80::1", "fe80::2"), 0x86dd))], "t").Ladder().ToSvg();

        Assert.Equal(["[fe80::1]:1", "[fe80::2]:2"], Texts(svg).Where(t => (string?)t.Attribute("font-weight") == "600").Select(t => t.Value));
    }

    [Fact]
    public void Labels_OfASnappedDatagram_GiveItsLengthOnTheWire()
    {
        var whole = Ethernet(IPv4(17, Packets.Udp(1, 2, new byte[100])));

        var ladder = new PacketTrace([Captured(whole[..60], originalLength: whole.Length)], "t").Ladder();

        Assert.Equal(["UDP Len=100"], ladder.Labels);
    }

    [Fact]
    public void Notes_ArePlacedUnderTheColumnsAndAtTheFoot()
    {
        var empty = Texts(new PacketTrace([], "t").Ladder().ToSvg()).Single(t => t.Value == "No TCP or UDP packets");
        var crowded = new PacketTrace([Udp(1, 2), Udp(3, 4), Udp(5, 6)], "t").Ladder().ToSvg();
        var note = Texts(crowded).Single(t => t.Value.EndsWith("not drawn.", StringComparison.Ordinal));

        Assert.Equal(("380", "76"), ((string)empty.Attribute("x")!, (string)empty.Attribute("y")!));
        Assert.Equal("1 packets between other endpoints are not drawn.", note.Value);
        Assert.Equal(((int)XDocument.Parse(crowded).Root!.Attribute("height")! - 4).ToString(System.Globalization.CultureInfo.InvariantCulture), (string)note.Attribute("y")!);
    }

    [Fact]
    public void Text_APacketToItself_PointsRight()
    {
        var lines = new PacketTrace([Udp(1, 1)], "t").Ladder().ToString().Split('\n');

        Assert.Equal("     0.000 ms  127.0.0.1:1 ──► 127.0.0.1:1  1. UDP Len=3", lines[1]);
    }
}
