namespace NetworkingLessons.Display;

/// <summary>The kinds of chart <see cref="Chart"/> draws.</summary>
public enum ChartKind
{
    /// <summary>Points joined by lines, x against y.</summary>
    Line,
    /// <summary>Points, x against y.</summary>
    Scatter,
    /// <summary>Bars for categories, grouped when there are several series.</summary>
    Bar,
    /// <summary>How many values fall in each bin.</summary>
    Histogram,
    /// <summary>The cumulative distribution: the fraction of values at or below each x.</summary>
    Cdf,
    /// <summary>Box plots: quartiles, whiskers at 1.5 IQR, and outliers.</summary>
    Box,
}
