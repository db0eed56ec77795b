using System.Xml.Linq;
using NetworkingLessons.TestSupport;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

public sealed class LadderDiagramTests
{
    private static readonly string GoldenFolder = Path.Combine(CourseFiles.Root, "tests", "NetworkingLessons.Tests", "Wire", "Golden");

    public static TheoryData<Recording> Recordings() => [.. Enum.GetValues<Recording>()];

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Ladder_OfARecording_MatchesGoldenSvg(Recording recording)
    {
        var svg = NetworkingLessons.Wire.Wire.Recorded(recording).Ladder().ToSvg();
        var path = Path.Combine(GoldenFolder, $"ladder-{NetworkingLessons.Wire.Wire.RecordingFile(recording).Replace(".pcap", ".svg", StringComparison.Ordinal)}");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, svg);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with UPDATE_GOLDEN=1 and look at the pictures.");
        Assert.Equal(File.ReadAllText(path), svg);
        Assert.Equal("{http://www.w3.org/2000/svg}svg", XDocument.Parse(svg).Root!.Name.ToString());
    }

    [Fact]
    public void Ladder_TcpConnection_LabelsTheHandshakeAsWiresharkWould()
    {
        var ladder = NetworkingLessons.Wire.Wire.Recorded(Recording.TcpConnection).Ladder();

        Assert.Equal(2, ladder.Endpoints.Count);
        Assert.Equal(["SYN Seq=0", "SYN, ACK Seq=0 Ack=1", "ACK Seq=1 Ack=1", "PSH, ACK Seq=1 Ack=1 Len=6"], ladder.Labels.Take(4));
        Assert.Contains("──►", ladder.ToString(), StringComparison.Ordinal);
        Assert.Contains("◄──", ladder.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ladder_Empty_SaysSoInsteadOfDrawingNothing()
    {
        var svg = new PacketTrace([], "nothing").Ladder().ToSvg();

        Assert.Contains("No TCP or UDP packets", svg, StringComparison.Ordinal);
    }

    [PeerFact(Peer.Chromium)]
    public async Task Ladder_PaintsInChromium()
    {
        using var temp = new TempFolder("ladder");
        var page = temp["ladder.html"];
        File.WriteAllText(page, "<!DOCTYPE html><html><body>" + string.Concat(Enum.GetValues<Recording>().Select(r => NetworkingLessons.Wire.Wire.Recorded(r).Ladder().ToSvg())) + "</body></html>");
        var png = temp["ladder.png"];

        await Chromium.ScreenshotAsync(page, png, 800, 1400);
        var dom = await Chromium.DumpDomAsync(page, 500);

        Assert.True(new FileInfo(png).Length > 20_000, "the diagrams paint");
        Assert.Equal(Enum.GetValues<Recording>().Length, dom.Split("<svg").Length - 1);
    }
}
