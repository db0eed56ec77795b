namespace NetworkingLessons.Display;

/// <summary>One named series of a chart, its values cleaned of NaN and infinities.</summary>
internal sealed class ChartSeries
{
    public ChartSeries(string name, double[] x, double[] y, int skipped)
    {
        Name = name;
        X = x;
        Y = y;
        Skipped = skipped;
    }

    public string Name { get; }

    /// <summary>x values (line, scatter); empty for one-dimensional kinds.</summary>
    public double[] X { get; }

    /// <summary>y values, bar heights, or the sample (histogram, CDF, box).</summary>
    public double[] Y { get; }

    /// <summary>How many points were dropped because a value was NaN or infinite.</summary>
    public int Skipped { get; }

    public static ChartSeries OfSample(string name, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var all = values as double[] ?? [.. values];
        var finite = Array.FindAll(all, double.IsFinite);
        return new ChartSeries(name, [], finite, all.Length - finite.Length);
    }

    public static ChartSeries OfPoints(string name, IEnumerable<double> x, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var xs = x as double[] ?? [.. x];
        var ys = y as double[] ?? [.. y];
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"Series '{name}' has {xs.Length} x values but {ys.Length} y values; they must pair up.", nameof(y));
        }
        var keepX = new List<double>(xs.Length);
        var keepY = new List<double>(ys.Length);
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
            {
                keepX.Add(xs[i]);
                keepY.Add(ys[i]);
            }
        }
        return new ChartSeries(name, [.. keepX], [.. keepY], xs.Length - keepX.Count);
    }
}
