using NetworkingLessons.Display;

namespace NetworkingLessons.Tests.Display;

/// <summary>
/// What the charts draw from the data: a long line thinned without losing a peak, a dense scatter
/// thinned to a point per cell, and box plots' whiskers and outliers by Tukey's rule.
/// </summary>
public sealed class ChartDataTests
{
    [Fact]
    public void ThinLine_AtTheLimit_KeepsEveryPoint()
    {
        double[] x = [.. Enumerable.Range(0, ChartData.MaxLinePoints).Select(i => (double)i)];

        var thin = ChartData.ThinLine("s", x, x);

        Assert.Same(x, thin.X);
    }

    [Fact]
    public void ThinLine_OverTheLimit_KeepsEachGroupsLowAndHigh_InOrder_SoNoPeakIsLost()
    {
        const int n = 10_007;
        double[] x = [.. Enumerable.Range(0, n).Select(i => (double)i)];
        double[] y = [.. x.Select(v => Math.Sin(v / 50))];
        y[1234] = 40; // a spike up
        y[8765] = -40; // and one down

        var thin = ChartData.ThinLine("s", x, y);

        Assert.InRange(thin.X.Length, ChartData.MaxLinePoints / 2, ChartData.MaxLinePoints + 2);
        Assert.Equal(thin.X.Order(), thin.X); // still left to right
        Assert.Contains(1234.0, thin.X);
        Assert.Contains(8765.0, thin.X);
        Assert.Equal(40, thin.Y.Max());
        Assert.Equal(-40, thin.Y.Min());
        Assert.All(thin.X.Zip(thin.Y), p => Assert.Equal(y[(int)p.First], p.Second)); // real points, not averages
        Assert.Equal(0.0, thin.X[0]); // the first group's extremes include its start here (sin rises from 0)
    }

    [Fact]
    public void ThinScatter_OverTheLimit_KeepsOnePointPerTwoPixelCell()
    {
        // 30,000 points, but only 100 distinct places: one point for each.
        double[] x = [.. Enumerable.Range(0, 30_000).Select(i => (double)(i % 10) * 10)];
        double[] y = [.. Enumerable.Range(0, 30_000).Select(i => (double)(i / 10 % 10) * 10)];

        var thin = ChartData.ThinScatter("s", x, y, (0, 100), (0, 100), 640, 400);

        Assert.Equal(100, thin.X.Length);
        Assert.Equal(100, thin.X.Zip(thin.Y).Distinct().Count());
        double[] few = x[..ChartData.MaxScatterPoints];
        Assert.Same(few, ChartData.ThinScatter("s", few, few, (0, 100), (0, 100), 640, 400).X); // at the limit: all kept
    }

    [Fact]
    public void ThinScatter_ManyDistinctCells_KeepsEveryKthUnderTheLimit()
    {
        // 40,000 points on a line across a large plot: each its own cell, so every second one is kept.
        double[] x = [.. Enumerable.Range(0, 40_000).Select(i => (double)i)];

        var thin = ChartData.ThinScatter("s", x, x, (0, 40_000), (0, 40_000), 100_000, 100_000);

        Assert.Equal(20_000, thin.X.Length);
        Assert.Equal(0, thin.X[0]);
        Assert.Equal(2, thin.X[1]);
    }

    [Fact]
    public void Box_WhiskersEndAtTheLastValueInsideTheFences_AndOutliersLieOutside()
    {
        // Q1 2.5, median 6, Q3 9.5 (quartiles by linear interpolation), IQR 7: fences at -8 and 20,
        // and a value exactly on a fence is inside.
        double[] sample = [40, -8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20];

        var box = ChartData.Box("s", sample, pixelsPerUnit: 10);

        Assert.Equal((2.5, 6.0, 9.5), (box.Q1, box.Median, box.Q3));
        Assert.Equal((-8.0, 20.0), (box.LowerWhisker, box.UpperWhisker));
        Assert.Equal([40.0], box.Outliers);
        Assert.Equal(15, box.Count);
    }

    [Fact]
    public void Box_OutliersWithinAPixelOfEachOther_AreDrawnOnce()
    {
        double[] sample = [.. Enumerable.Repeat(1.0, 20), 100, 100.01, 200];

        var box = ChartData.Box("s", sample, pixelsPerUnit: 10); // 100 and 100.01 are the same pixel

        Assert.Equal([100.0, 200.0], box.Outliers);
    }
}
