using System.Globalization;
using NetworkingLessons.Display;

namespace NetworkingLessons.Tests.Display;

public sealed class AxisTicksTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    // A few thousand random ranges per seed: tiny, huge, negative, straddling zero, degenerate.
    private static IEnumerable<(double Min, double Max, double Pixels, bool Horizontal)> Cases(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var scale = Math.Pow(10, random.Next(-8, 13));
            var a = (random.NextDouble() * 2 - 1) * scale;
            var b = random.Next(10) == 0 ? a : a + random.NextDouble() * scale * Math.Pow(10, random.Next(-3, 3));
            yield return (Math.Min(a, b), Math.Max(a, b), random.Next(60, 1600), random.Next(2) == 0);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void For_AnyRange_TicksCoverTheData(int seed)
    {
        foreach (var (min, max, pixels, horizontal) in Cases(seed))
        {
            var ticks = AxisTicks.For(min, max, pixels, horizontal);

            Assert.True(ticks.Min <= min && ticks.Max >= max, $"[{min}, {max}] not covered by [{ticks.Min}, {ticks.Max}]");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void For_AnyRange_TwoToTenIncreasingTicksWithDistinctLabels(int seed)
    {
        foreach (var (min, max, pixels, horizontal) in Cases(seed))
        {
            var ticks = AxisTicks.For(min, max, pixels, horizontal);

            Assert.InRange(ticks.Values.Count, 2, 10);
            Assert.True(ticks.Values.Zip(ticks.Values.Skip(1)).All(p => p.First < p.Second), $"not increasing for [{min}, {max}]");
            var shown = ticks.Labels.Where(l => l.Length > 0).ToList();
            Assert.Equal(shown.Count, shown.Distinct().Count());
            Assert.True(shown.Count >= 2, $"fewer than two labels for [{min}, {max}]");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void For_AnyRange_LabelsDoNotOverlap(int seed)
    {
        foreach (var (min, max, pixels, horizontal) in Cases(seed))
        {
            var ticks = AxisTicks.For(min, max, pixels, horizontal);
            var positions = ticks.Values.Select(v => (v - ticks.Min) / (ticks.Max - ticks.Min) * pixels).ToList();
            var labelled = Enumerable.Range(0, ticks.Values.Count).Where(i => ticks.Labels[i].Length > 0).ToList();

            // Neighbouring labels, centred on their ticks, must not touch: half of each label's extent fits in the gap.
            foreach (var (a, b) in labelled.Zip(labelled.Skip(1)))
            {
                var gap = positions[b] - positions[a];
                var needed = horizontal ? (ticks.Labels[a].Length + ticks.Labels[b].Length) / 2.0 * AxisTicks.CharWidth : AxisTicks.LabelHeight;
                Assert.True(gap >= needed, $"labels '{ticks.Labels[a]}' and '{ticks.Labels[b]}' overlap in {pixels} px");
            }
        }
    }

    [Theory]
    [InlineData(0, 97, "0 20 40 60 80 100")]
    [InlineData(0.1, 0.9, "0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9")]
    [InlineData(-3, 3, "-3 -2 -1 0 1 2 3")]
    [InlineData(120, 4870, "0 1000 2000 3000 4000 5000")]
    [InlineData(5, 5, "4.4 4.6 4.8 5.0 5.2 5.4 5.6")]
    [InlineData(0, 0, "-1.0 -0.5 0.0 0.5 1.0")]
    public void For_KnownRanges_NiceValues(double min, double max, string expected)
    {
        var ticks = AxisTicks.For(min, max, 400, horizontal: false);

        Assert.Equal(expected, string.Join(" ", ticks.Labels));
    }

    [Fact]
    public void For_HugeValues_UseScientificLabels()
    {
        var ticks = AxisTicks.For(0, 3e9, 400, horizontal: false);

        Assert.All(ticks.Labels.Skip(1), l => Assert.Contains("E+", l, StringComparison.Ordinal));
        Assert.Equal(3e9.ToString(CultureInfo.InvariantCulture), ticks.Values.First(v => v >= 3e9).ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(2, 1)]
    public void For_NotAFiniteInterval_Throws(double min, double max)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => AxisTicks.For(min, max, 400, true));

        Assert.Equal("min", ex.ParamName);
        Assert.StartsWith($"The axis range [{min}, {max}] is not a finite interval.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14.9, true, 10)]
    [InlineData(15, true, 20)]
    [InlineData(29.9, true, 20)]
    [InlineData(30, true, 50)]
    [InlineData(69.9, true, 50)]
    [InlineData(70, true, 100)]
    [InlineData(10, false, 10)]
    [InlineData(10.1, false, 20)]
    [InlineData(20, false, 20)]
    [InlineData(20.1, false, 50)]
    [InlineData(50, false, 50)]
    [InlineData(50.1, false, 100)]
    public void NiceNumber_RoundsToTheNearest_OrRisesToTheNext_OneTwoOrFive(double value, bool round, double nice)
    {
        Assert.Equal(nice, AxisTicks.NiceNumber(value, round), 9);
    }

    [Theory]
    [InlineData(0, 5e6, false)] // the largest label 5000000: still plain
    [InlineData(0, 1e7, true)] // 10000000 and over: scientific
    [InlineData(0, 0.002, false)] // a step of 0.0002: plain
    [InlineData(0, 0.00004, true)] // a step under 0.0001: scientific
    public void Labels_TurnScientific_AtTenMillion_OrAStepUnderATenThousandth(double min, double max, bool scientific)
    {
        var labels = AxisTicks.For(min, max, 400, horizontal: false).Labels;

        Assert.Equal(scientific, labels.Skip(1).All(l => l.Contains("E", StringComparison.Ordinal)));
        Assert.Equal("0", labels[0][..1]);
    }

    [Fact]
    public void AShortAxis_LabelsOnlyItsEnds()
    {
        var ticks = AxisTicks.For(0, 1_000_000, 40, horizontal: true);

        Assert.Equal(2, ticks.Labels.Count(l => l.Length > 0));
        Assert.NotEmpty(ticks.Labels[0]);
        Assert.NotEmpty(ticks.Labels[^1]);
    }
}
