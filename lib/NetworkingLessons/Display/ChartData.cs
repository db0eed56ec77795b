namespace NetworkingLessons.Display;

/// <summary>
/// What a chart draws, worked out once from its series for both renderers: points thinned to what
/// the plot can show, histogram bins, CDF steps, box statistics. Large inputs (10⁶ values) become
/// a few thousand marks, so that SVG and Plotly figures stay small and quick.
/// </summary>
internal static class ChartData
{
    /// <summary>The most points a line or CDF keeps; more cannot be seen in a plot a few hundred pixels wide.</summary>
    public const int MaxLinePoints = 2000;

    /// <summary>The most marks a scatter plot keeps, one per 2-pixel cell at most.</summary>
    public const int MaxScatterPoints = 20000;

    public sealed record Xy(string Name, double[] X, double[] Y);

    public sealed record Histogram(double[] Edges, IReadOnlyList<(string Name, double[] Counts)> Series);

    public sealed record BoxStats(string Name, int Count, double LowerWhisker, double Q1, double Median, double Q3, double UpperWhisker, double[] Outliers);

    /// <summary>Keeps the shape of a long line: the lowest and highest point of each run of indexes, in order.</summary>
    public static Xy ThinLine(string name, double[] x, double[] y)
    {
        if (x.Length <= MaxLinePoints)
        {
            return new Xy(name, x, y);
        }
        var groupSize = (int)Math.Ceiling(x.Length / (MaxLinePoints / 2.0));
        var keepX = new List<double>(MaxLinePoints + 2);
        var keepY = new List<double>(MaxLinePoints + 2);
        for (var start = 0; start < x.Length; start += groupSize)
        {
            var end = Math.Min(start + groupSize, x.Length);
            int low = start, high = start;
            for (var i = start + 1; i < end; i++)
            {
                if (y[i] < y[low])
                {
                    low = i;
                }
                if (y[i] > y[high])
                {
                    high = i;
                }
            }
            foreach (var i in low <= high ? new[] { low, high } : [high, low])
            {
                keepX.Add(x[i]);
                keepY.Add(y[i]);
                if (low == high)
                {
                    break;
                }
            }
        }
        return new Xy(name, [.. keepX], [.. keepY]);
    }

    /// <summary>Keeps one point per 2-pixel cell of a plot of the given size, then every k-th if there are still too many.</summary>
    public static Xy ThinScatter(string name, double[] x, double[] y, (double Min, double Max) xRange, (double Min, double Max) yRange, double width, double height)
    {
        if (x.Length <= MaxScatterPoints)
        {
            return new Xy(name, x, y);
        }
        var seen = new HashSet<(int, int)>();
        var keepX = new List<double>();
        var keepY = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            var cell = ((int)((x[i] - xRange.Min) / (xRange.Max - xRange.Min) * width / 2), (int)((y[i] - yRange.Min) / (yRange.Max - yRange.Min) * height / 2));
            if (seen.Add(cell))
            {
                keepX.Add(x[i]);
                keepY.Add(y[i]);
            }
        }
        var every = (int)Math.Ceiling(keepX.Count / (double)MaxScatterPoints);
        return new Xy(name, [.. keepX.Where((_, i) => i % every == 0)], [.. keepY.Where((_, i) => i % every == 0)]);
    }

    /// <summary>The empirical CDF as points (value, fraction at or below it), at most <see cref="MaxLinePoints"/> of them.</summary>
    public static Xy Cdf(string name, double[] sample)
    {
        if (sample.Length == 0)
        {
            return new Xy(name, [], []);
        }
        var sorted = (double[])sample.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var take = Math.Min(n, MaxLinePoints);
        var x = new double[take];
        var y = new double[take];
        for (var k = 0; k < take; k++)
        {
            var i = take == 1 ? n - 1 : (int)Math.Round(k * (n - 1) / (double)(take - 1));
            x[k] = sorted[i];
            y[k] = (i + 1) / (double)n;
        }
        return new Xy(name, x, y);
    }

    /// <summary>Bins shared by every series: nice widths (1, 2 or 5 times a power of ten), about <paramref name="bins"/> of them.</summary>
    public static Histogram Bin(IReadOnlyList<ChartSeries> series, int? bins)
    {
        var all = series.SelectMany(s => s.Y).ToArray();
        if (all.Length == 0)
        {
            return new Histogram([0, 1], [.. series.Select(s => (s.Name, new double[1]))]);
        }
        double min = all.Min(), max = all.Max();
        var target = bins ?? Math.Clamp((int)Math.Ceiling(Math.Log2(all.Length) + 1), 5, 50); // Sturges' rule
        var width = max > min ? AxisTicks.NiceNumber((max - min) / target, round: true) : 1;
        var lo = max > min ? Math.Floor(min / width) * width : min - 0.5;
        var count = Math.Max(1, (int)Math.Floor((max - lo) / width) + 1);
        var edges = Enumerable.Range(0, count + 1).Select(i => lo + i * width).ToArray();
        var counted = series.Select(s =>
        {
            var counts = new double[count];
            foreach (var v in s.Y)
            {
                counts[Math.Clamp((int)Math.Floor((v - lo) / width), 0, count - 1)]++;
            }
            return (s.Name, counts);
        }).ToList();
        return new Histogram(edges, counted);
    }

    /// <summary>Quartiles (linear interpolation), whiskers at the furthest values within 1.5 IQR, and the values beyond.</summary>
    public static BoxStats Box(string name, double[] sample, double pixelsPerUnit)
    {
        if (sample.Length == 0)
        {
            return new BoxStats(name, 0, 0, 0, 0, 0, 0, []);
        }
        var sorted = (double[])sample.Clone();
        Array.Sort(sorted);
        double Quantile(double p)
        {
            var h = (sorted.Length - 1) * p;
            var i = (int)Math.Floor(h);
            return i + 1 < sorted.Length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
        }
        double q1 = Quantile(0.25), median = Quantile(0.5), q3 = Quantile(0.75);
        var iqr = q3 - q1;
        var lowFence = q1 - 1.5 * iqr;
        var highFence = q3 + 1.5 * iqr;
        var lower = sorted.First(v => v >= lowFence);
        var upper = sorted.Last(v => v <= highFence);
        // Outliers closer than a pixel apart would draw on top of each other: keep one of each.
        var outliers = sorted.Where(v => v < lowFence || v > highFence)
            .DistinctBy(v => Math.Round(v * pixelsPerUnit))
            .ToArray();
        return new BoxStats(name, sorted.Length, lower, q1, median, q3, upper, outliers);
    }
}
