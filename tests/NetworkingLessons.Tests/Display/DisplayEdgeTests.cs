using NetworkingLessons.Display;

namespace NetworkingLessons.Tests.Display;

/// <summary>The display types at the edges of their rules: missing arguments, fields that touch, labels
/// exactly as long as they may be, and a table with no rows.</summary>
public sealed class DisplayEdgeTests
{
    private sealed record Row(string Name, int Port);

    public static TheoryData<string, Action> NullArguments() => new()
    {
        { "y", () => Chart.Line(null!) },
        { "categories", () => Chart.Bar(null!, [1.0]) },
        { "values", () => Chart.Bar(["a"], null!) },
        { "values", () => Chart.Histogram(null!, "x") },
        { "values", () => Chart.Cdf(null!, "x") },
        { "x", () => Chart.Scatter(null!, [1.0]) },
        { "y", () => Chart.Scatter([1.0], null!) },
        { "values", () => Chart.Bar(["a"], [1.0]).AddBars(null!, "b") },
        { "values", () => Chart.Box([1.0], "a").AddSample(null!, "b") },
        { "records", () => Table.Of<Row>(null!) },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void AMissingArgument_IsNamed(string parameter, Action call)
    {
        var error = Assert.Throws<ArgumentNullException>(call);

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void HexDump_FieldsThatTouch_AreAllowedInEitherOrder_AndOneByteOfOverlapIsNot()
    {
        var bytes = new byte[4];

        Assert.Equal(2, HexDump.Of(bytes).WithField(0, 2, "a").WithField(2, 2, "b").Fields.Count);
        Assert.Equal(2, HexDump.Of(bytes).WithField(2, 2, "b").WithField(0, 2, "a").Fields.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => HexDump.Of(bytes).WithField(2, 2, "b").WithField(0, 3, "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => HexDump.Of(bytes).WithField(0, 2, "a").WithField(1, 2, "b"));
    }

    [Fact]
    public void ACategoryLabel_OfExactly24Characters_IsShownWhole_And25AreShortened()
    {
        var whole = new string('w', 24);
        var longer = new string('l', 25);

        var svg = Chart.Bar([whole, longer], [1, 2]).ToSvg();

        Assert.Contains($">{whole}</text>", svg, StringComparison.Ordinal);
        Assert.Contains($">{new string('l', 23)}…</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(longer, svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ATableWithNoRows_ShowsItsHeader()
    {
        var table = Table.Of(Array.Empty<Row>());

        Assert.Equal("Name  Port\n----  ----", table.ToString());
    }
}
