using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NetworkingLessons.Display;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Display;

public sealed class ChartTests
{
    private static readonly string GoldenFolder = Path.Combine(TestSupport.CourseFiles.Root, "tests", "NetworkingLessons.Tests", "Display", "Golden");

    // Latency-like data with a long tail, the same every time.
    private static double[] Latencies(int count, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Math.Round(80 + 40 * -Math.Log(1 - random.NextDouble()), 1))];
    }

    public static TheoryData<string> GoldenCharts() => [.. Golden.Keys];

    private static readonly Dictionary<string, Func<Chart>> Golden = new()
    {
        ["line"] = () => Chart.Line([1, 2, 4, 8, 16, 32, 64], [210, 190, 150, 120, 118, 117, 117], "TCP_NODELAY off")
            .AddSeries([1, 2, 4, 8, 16, 32, 64], [60, 61, 62, 64, 70, 83, 110], "TCP_NODELAY on")
            .WithTitle("Round trip against message size").WithXAxis("Message size (bytes)").WithYAxis("Round trip (µs)"),
        ["scatter"] = () => Chart.Scatter([.. Enumerable.Range(0, 40).Select(i => (double)i)], [.. Latencies(40)], "query")
            .WithTitle("NTP delay per query").WithXAxis("Query").WithYAxis("Delay (µs)"),
        ["bar"] = () => Chart.Bar(["int", "string", "record", "list of 100"], [5, 18, 61, 820], "JSON")
            .AddBars([1, 9, 34, 411], "MessagePack")
            .WithTitle("Bytes on the wire").WithYAxis("Size (bytes)"),
        ["histogram"] = () => Chart.Histogram(Latencies(500), "Round trip (µs)").WithTitle("Echo latency"),
        ["cdf"] = () => Chart.Cdf(Latencies(500), "Round trip (µs)").AddSample(Latencies(500, seed: 8).Select(v => v * 1.3), "series 2"),
        ["box"] = () => Chart.Box(Latencies(300), "1 client", "Round trip (µs)").AddSample(Latencies(300, 9).Select(v => v * 2), "10 clients"),
        ["long-categories"] = () => Chart.Bar([.. Enumerable.Range(0, 30).Select(i => $"category number {i}")], [.. Enumerable.Range(0, 30).Select(i => (double)i)]),
        // Labels too long to show whole, a title and both axis labels.
        ["long-labels"] = () => Chart.Bar(["a category whose name goes on and on and on", "short", "another name far longer than a bar is wide"], [3, -1, 2])
            .WithTitle("Long labels").WithXAxis("Category").WithYAxis("Value"),
        // Values left out (NaN, infinity): the note under the plot, and the axis label above it.
        ["gaps"] = () => Chart.Line([0, 1, 2, 3, 4, 5], [1, double.NaN, 3, double.PositiveInfinity, 2, 4], "with gaps").WithXAxis("x").WithYAxis("y"),
        ["histogram-two"] = () => Chart.Histogram(Latencies(300), "Round trip (µs)", bins: 12).AddSample(Latencies(300, 11).Select(v => v + 30), "later"),
    };

    [Theory]
    [MemberData(nameof(GoldenCharts))]
    public void ToSvg_FixedData_MatchesGoldenFile(string name)
    {
        var svg = Golden[name]().ToSvg();
        GoldenFile.AssertMatches(Path.Combine(GoldenFolder, name + ".svg"), svg);
    }

    [Theory]
    [MemberData(nameof(GoldenCharts))]
    public void ToPlotlyJson_FixedData_MatchesGoldenFile(string name)
    {
        // Indented, so that a change to the figure reads as a diff of its keys and values.
        var json = JsonNode.Parse(Golden[name]().ToPlotlyJson())!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        GoldenFile.AssertMatches(Path.Combine(GoldenFolder, name + ".plotly.json"), json);
    }

    [Fact]
    public void ToPlotlyJson_AChartWithNoFiniteValue_SaysNoData_AndALoneValueIsAMarker()
    {
        var empty = Chart.Line([double.NaN, double.PositiveInfinity], "nothing").Figure();
        var lone = Chart.Line([5.0], "one").Figure();
        var some = Chart.Line([double.NaN, 5.0, 6.0], "some").Figure();

        Assert.Equal("No data", (string)empty["layout"]!["annotations"]![0]!["text"]!);
        Assert.Contains(">No data (2 NaN or infinite values left out)</text>", Chart.Line([double.NaN, double.PositiveInfinity], "nothing").ToSvg(), StringComparison.Ordinal);
        Assert.DoesNotContain("No data", Chart.Line([double.NaN, 5.0, 6.0], "some").ToSvg(), StringComparison.Ordinal);
        Assert.Null(some["layout"]!["annotations"]);
        Assert.Equal("markers", (string)lone["data"]![0]!["mode"]!);
        Assert.Equal("lines", (string)some["data"]![0]!["mode"]!);
        Assert.False((bool)lone["layout"]!["showlegend"]!); // one series: no legend
        Assert.Null(lone["layout"]!["title"]);
    }

    [Theory]
    [MemberData(nameof(GoldenCharts))]
    public void ToSvg_IsValidXmlAndDeterministic(string name)
    {
        var svg = Golden[name]().ToSvg();

        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("{http://www.w3.org/2000/svg}svg", root.Name.ToString());
        Assert.Equal(svg, Golden[name]().ToSvg());
    }

    [Theory]
    [MemberData(nameof(GoldenCharts))]
    public void ToPlotlyJson_HasDataAndLayout(string name)
    {
        var figure = JsonNode.Parse(Golden[name]().ToPlotlyJson())!;

        Assert.NotEmpty(figure["data"]!.AsArray());
        Assert.NotNull(figure["layout"]!["width"]);
    }

    [Fact]
    public void Histogram_CountsEveryValueOnce()
    {
        var figure = JsonNode.Parse(Chart.Histogram(Latencies(500), "x").ToPlotlyJson())!;

        Assert.Equal(500, figure["data"]![0]!["y"]!.AsArray().Sum(v => v!.GetValue<double>()));
    }

    [Fact]
    public void Empty_DrawsAChartSayingNoData()
    {
        var chart = Chart.Histogram([], "Round trip (µs)");

        Assert.Contains(">No data<", chart.ToSvg(), StringComparison.Ordinal);
        Assert.Contains("\"No data\"", chart.ToPlotlyJson(), StringComparison.Ordinal);
        XDocument.Parse(chart.ToSvg());
    }

    [Fact]
    public void NaNAndInfinity_AreLeftOutAndCounted()
    {
        var chart = Chart.Line([0, 1, 2, 3, 4], [1, double.NaN, 3, double.PositiveInfinity, 5]);

        Assert.Equal(2, chart.Skipped);
        Assert.Contains("2 NaN or infinite values left out", chart.ToSvg(), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", chart.ToPlotlyJson(), StringComparison.Ordinal);
        Assert.Contains("(2 NaN or infinite left out)", chart.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyNaN_SaysNoDataAndWhy()
    {
        var svg = Chart.Cdf([double.NaN, double.NaN], "x").ToSvg();

        Assert.Contains("No data (2 NaN or infinite values left out)", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line")]
    [InlineData("histogram")]
    [InlineData("cdf")]
    [InlineData("box")]
    public void SinglePoint_DrawsSomething(string kind)
    {
        var chart = kind switch
        {
            "line" => Chart.Line([42.0]),
            "histogram" => Chart.Histogram([42.0], "x"),
            "cdf" => Chart.Cdf([42.0], "x"),
            _ => Chart.Box([42.0], "one"),
        };

        var svg = chart.ToSvg();

        XDocument.Parse(svg);
        Assert.DoesNotContain("No data", svg, StringComparison.Ordinal);
        // A mark in the first series' colour: a shape with it, or a group with it holding a shape.
        Assert.Matches("(stroke|fill)=\"#636efa\"[^<]*(/>|><(rect|circle|line|polyline) )", svg);
    }

    [Fact]
    public void MillionPoints_DrawThinnedAndSmall()
    {
        var values = Latencies(1_000_000);
        var x = Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray();

        foreach (var chart in new[] { Chart.Line(x, values), Chart.Scatter(x, values), Chart.Histogram(values, "µs"), Chart.Cdf(values, "µs"), Chart.Box(values, "all") })
        {
            var svg = chart.ToSvg();
            var json = chart.ToPlotlyJson();
            XDocument.Parse(svg);
            Assert.True(svg.Length < 2_000_000, $"{chart.Kind}: SVG of {svg.Length} chars");
            Assert.True(json.Length < 2_000_000, $"{chart.Kind}: figure of {json.Length} chars");
        }
    }

    [Fact]
    public void Line_MismatchedLengths_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => Chart.Line([1, 2, 3], [1, 2]));

        Assert.Equal("y", ex.ParamName);
        Assert.Contains("3 x values but 2 y values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bar_WrongValueCount_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Chart.Bar(["a", "b"], [1]).ToSvg());

        Assert.Contains("1 values for 2 categories", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bar_DuplicateCategory_Throws()
    {
        Assert.Contains("'a' appears more than once", Assert.Throws<ArgumentException>(() => Chart.Bar(["a", "a"], [1, 2])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_AddsUpOverEverySeries()
    {
        var chart = Chart.Line([1, double.NaN, 3], "a").AddSeries([1, 2, 3], [double.NaN, double.NaN, 3], "b");

        Assert.Equal(3, chart.Skipped);
    }

    [Fact]
    public void ToString_NamesTheKindTitleAndSeries_WithUnnamedSeriesNumbered()
    {
        var untitled = Chart.Bar(["x", "y"], [1, 2], " ").AddBars([3, double.NaN], "");

        Assert.Equal("Bar chart: series 1: 2 values; series 2: 2 values (1 NaN or infinite left out)", untitled.ToString());
        Assert.Equal("Line chart \"T\": s: 1 values", Chart.Line([1.0], "s").WithTitle("T").ToString());
    }

    [Fact]
    public void EachKind_RefusesTheOtherKindsSeries_AndNullValues()
    {
        Assert.Throws<InvalidOperationException>(() => Chart.Line([1.0]).AddBars([1.0], "no"));
        Assert.Throws<InvalidOperationException>(() => Chart.Line([1.0]).AddSample([1.0], "no"));
        Assert.Throws<ArgumentNullException>(() => Chart.Line((IEnumerable<double>)null!));
        Assert.Throws<ArgumentNullException>(() => Chart.Bar(null!, [1.0]));
        Assert.Throws<ArgumentNullException>(() => Chart.Bar(["a"], [1.0]).AddBars(null!, "no"));
        Assert.Throws<ArgumentNullException>(() => Chart.Box(null!, "no"));
        Assert.Throws<ArgumentNullException>(() => Chart.Scatter(null!, [1.0]));
        Assert.Throws<ArgumentNullException>(() => Chart.Scatter([1.0], null!));
    }

    [Theory]
    [InlineData(199, 400)]
    [InlineData(4001, 400)]
    [InlineData(640, 199)]
    [InlineData(640, 4001)]
    public void WithSize_Outside200To4000_IsRefused(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Chart.Line([1.0]).WithSize(width, height));
    }

    [Fact]
    public void WithSize_AtTheLimits_IsTaken_AndHistogramsTakeOneTo1000Bins()
    {
        Assert.Equal((200, 4000), (Chart.Line([1.0]).WithSize(200, 4000).Width, Chart.Line([1.0]).WithSize(200, 4000).Height));
        Assert.Equal((4000, 200), (Chart.Line([1.0]).WithSize(4000, 200).Width, Chart.Line([1.0]).WithSize(4000, 200).Height));
        Assert.Equal(1, Chart.Histogram([1.0, 2.0], "x", bins: 1).Bins);
        Assert.Equal(1000, Chart.Histogram([1.0, 2.0], "x", bins: 1000).Bins);
    }

    [Fact]
    public void WrongSeriesKind_ThrowsSayingWhatTheChartTakes()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Chart.Histogram([1.0], "x").AddSeries([1.0], [2.0], "no"));

        Assert.Contains("A Histogram chart cannot take that kind of series", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Histogram_BadBinCount_Throws(int bins)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Chart.Histogram([1.0], "x", bins));

        Assert.Equal("bins", ex.ParamName);
        Assert.StartsWith("A histogram needs 1 to 1000 bins.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMimeBundle_HasSvgHtmlAndText()
    {
        var bundle = Chart.Histogram(Latencies(50), "µs").WithTitle("t").ToMimeBundle();

        Assert.StartsWith("<svg", bundle["image/svg+xml"], StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", bundle["text/html"], StringComparison.Ordinal);
        Assert.Contains("<svg", bundle["text/html"], StringComparison.Ordinal); // shows where scripts do not run
        Assert.Equal("Histogram chart \"t\": series 1: 50 values", bundle["text/plain"]);
    }
}
