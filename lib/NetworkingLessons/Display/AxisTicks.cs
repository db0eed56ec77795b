using System.Globalization;

namespace NetworkingLessons.Display;

/// <summary>
/// Tick marks for a numeric axis: "nice" values (1, 2 or 5 times a power of ten apart) that cover
/// the data, 2 to 10 of them, with labels that fit the axis without overlapping.
/// </summary>
/// <param name="Values">The tick values, lowest first; the first is at most the data's minimum, the last at least its maximum.</param>
/// <param name="Labels">The text of each tick.</param>
/// <param name="Step">The distance between ticks.</param>
internal sealed record AxisTicks(IReadOnlyList<double> Values, IReadOnlyList<string> Labels, double Step)
{
    /// <summary>Pixels per character of an 11 px sans-serif label, on the generous side.</summary>
    public const double CharWidth = 6.6;

    /// <summary>The height of a label, with room to breathe.</summary>
    public const double LabelHeight = 14;

    public double Min => Values[0];

    public double Max => Values[^1];

    /// <summary>
    /// Ticks for data from <paramref name="min"/> to <paramref name="max"/> on an axis
    /// <paramref name="pixels"/> long; horizontal axes need room for each label's width, vertical
    /// ones for its height.
    /// </summary>
    public static AxisTicks For(double min, double max, double pixels, bool horizontal)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"The axis range [{min}, {max}] is not a finite interval.");
        }
        if (min == max)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        AxisTicks? fewest = null;
        for (var target = 10; target >= 2; target--)
        {
            var ticks = Nice(min, max, target);
            if (Fits(ticks, pixels, horizontal, ticks.Labels))
            {
                return ticks;
            }
            fewest = ticks;
        }
        // Even the fewest ticks crowd their labels (a very short axis): label the two ends only.
        var ends = fewest!.Labels.Select((l, i) => i == 0 || i == fewest.Labels.Count - 1 ? l : "").ToList();
        return fewest with { Labels = ends };
    }

    private static bool Fits(AxisTicks ticks, double pixels, bool horizontal, IReadOnlyList<string> labels)
    {
        var spacing = pixels / (ticks.Values.Count - 1);
        var needed = horizontal ? labels.Max(l => l.Length) * CharWidth + 8 : LabelHeight;
        return spacing >= needed;
    }

    private static AxisTicks Nice(double min, double max, int target)
    {
        var step = NiceNumber((max - min) / Math.Max(1, target - 1), round: true);
        while (true)
        {
            var lo = Math.Floor(min / step) * step;
            var hi = Math.Ceiling(max / step) * step;
            var count = (int)Math.Round((hi - lo) / step) + 1;
            // Data that straddles zero needs at least three ticks (one below, zero, one above).
            if (count <= Math.Max(target, 3))
            {
                if (count < 2)
                {
                    hi = lo + step;
                    count = 2;
                }
                var values = Enumerable.Range(0, count).Select(i => Clean(lo + i * step, step)).ToList();
                return new AxisTicks(values, Format(values, step), step);
            }
            step = NiceNumber(step * 1.5, round: false); // the next nice step up
        }
    }

    // Heckbert's nice numbers: 1, 2, 5 or 10 times a power of ten.
    internal static double NiceNumber(double value, bool round)
    {
        var exponent = Math.Floor(Math.Log10(value));
        var power = Math.Pow(10, exponent);
        var fraction = value / power;
        var nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    // lo + i * step drifts (0.30000000000000004); snap back to the step's grid, and no "-0".
    private static double Clean(double value, double step)
    {
        var snapped = Math.Round(value / step) * step;
        var digits = Math.Clamp(Decimals(step) + 1, 0, 15);
        snapped = Math.Round(snapped, digits);
        return snapped == 0 ? 0 : snapped;
    }

    private static int Decimals(double step) => Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));

    private static List<string> Format(List<double> values, double step)
    {
        var largest = values.Max(Math.Abs);
        if (largest >= 1e7 || step < 1e-4)
        {
            // Scientific, with as many significant digits as it takes to tell neighbours apart.
            var digits = Math.Clamp((int)Math.Ceiling(Math.Log10(largest / step)) + 1, 1, 15);
            return [.. values.Select(v => v.ToString("0." + new string('#', digits) + "E+0", CultureInfo.InvariantCulture))];
        }
        var format = "0." + new string('0', Decimals(step));
        return [.. values.Select(v => v.ToString(Decimals(step) == 0 ? "0" : format, CultureInfo.InvariantCulture))];
    }
}
