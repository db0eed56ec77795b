using System.Globalization;
using System.Security;
using System.Text;

namespace NetworkingLessons.Display;

public sealed partial class Chart
{
    /// <summary>Plotly's default colours, so that the SVG and the interactive figure agree.</summary>
    internal static readonly string[] Palette =
        ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    private const int MaxCategoryLabel = 24;

    /// <summary>The chart as a standalone SVG document, drawn by this library: same data, same bytes.</summary>
    public string ToSvg()
    {
        var plan = Plan();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        if (Title is not null)
        {
            svg.Append(Invariant($"<text x=\"{N(Width / 2.0)}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Escape(Title)}</text>"));
        }
        DrawAxes(svg, plan);
        if (plan.Empty)
        {
            svg.Append(Invariant($"<text x=\"{N(plan.Left + plan.PlotWidth / 2)}\" y=\"{N(plan.Top + plan.PlotHeight / 2)}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#57606a\">No data{(Skipped > 0 ? Invariant($" ({Skipped} NaN or infinite values left out)") : "")}</text>"));
        }
        else
        {
            DrawSeries(svg, plan);
        }
        DrawLegend(svg, plan);
        if (Skipped > 0 && !plan.Empty)
        {
            svg.Append(Invariant($"<text x=\"{Width - 8}\" y=\"{Height - 6}\" text-anchor=\"end\" font-size=\"10\" fill=\"#57606a\">{Skipped} NaN or infinite values left out</text>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private sealed record PlotPlan(
        double Left, double Top, double PlotWidth, double PlotHeight,
        AxisTicks? XTicks, AxisTicks YTicks, IReadOnlyList<string> Categories, bool RotateCategories, int CategoryEvery,
        bool Empty, ChartData.Histogram? Histogram, bool ShowLegend)
    {
        public double X(double v) => Left + (v - XTicks!.Min) / (XTicks.Max - XTicks.Min) * PlotWidth;

        public double Y(double v) => Top + PlotHeight - (v - YTicks.Min) / (YTicks.Max - YTicks.Min) * PlotHeight;

        public double Band => PlotWidth / Math.Max(1, Categories.Count);

        public double CategoryCenter(int i) => Left + (i + 0.5) * Band;
    }

    // Works out the data ranges, the ticks, and the margins the labels need.
    private PlotPlan Plan()
    {
        var empty = _series.All(s => s.Y.All(v => !double.IsFinite(v)));
        var categorical = Kind is ChartKind.Bar or ChartKind.Box;
        var categories = Kind == ChartKind.Box ? SeriesNames : _categories;
        var histogram = Kind == ChartKind.Histogram && !empty ? ChartData.Bin(_series, Bins) : null;
        var (xRange, yRange) = empty ? ((0.0, 1.0), (0.0, 1.0)) : Ranges(histogram);
        var showLegend = _series.Count > 1 && Kind != ChartKind.Box;

        var top = 16.0 + (Title is null ? 0 : 22) + (showLegend ? 20 : 0);
        var bottom = 26.0 + (XLabel is null ? 0 : 18) + (Skipped > 0 ? 14 : 0);
        var right = 24.0;
        var left = 16.0 + (YLabel is null ? 0 : 18);
        var plotHeight = Math.Max(40, Height - top - bottom);
        var yTicks = AxisTicks.For(yRange.Item1, yRange.Item2, plotHeight, horizontal: false);
        left += yTicks.Labels.Max(l => l.Length) * AxisTicks.CharWidth + 8;

        var rotate = false;
        var every = 1;
        if (categorical && categories.Count > 0)
        {
            var band = (Width - left - right) / categories.Count;
            var widest = categories.Max(c => Math.Min(c.Length, MaxCategoryLabel)) * AxisTicks.CharWidth;
            if (widest + 6 > band)
            {
                rotate = true;
                every = Math.Max(1, (int)Math.Ceiling(AxisTicks.LabelHeight / band));
                // A label turned 40° reaches left of its category by cos 40° of its width.
                left = Math.Max(left, widest * 0.77 - band / 2 + 6);
                bottom += widest * 0.64; // sin 40°
                plotHeight = Math.Max(40, Height - top - bottom);
                yTicks = AxisTicks.For(yRange.Item1, yRange.Item2, plotHeight, horizontal: false);
            }
        }
        var plotWidth = Math.Max(40, Width - left - right);
        var xTicks = categorical ? null : AxisTicks.For(xRange.Item1, xRange.Item2, plotWidth, horizontal: true);
        return new PlotPlan(left, top, plotWidth, plotHeight, xTicks, yTicks, categories, rotate, every, empty, histogram, showLegend);
    }

    private ((double, double) X, (double, double) Y) Ranges(ChartData.Histogram? histogram)
    {
        static (double, double) Span(IEnumerable<double> values)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var v in values)
            {
                if (double.IsFinite(v))
                {
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            }
            return double.IsFinite(lo) ? (lo, hi) : (0, 1);
        }
        switch (Kind)
        {
            case ChartKind.Histogram:
                return ((histogram!.Edges[0], histogram.Edges[^1]), (0, Math.Max(1, histogram.Series.Max(s => s.Counts.Max()))));
            case ChartKind.Cdf:
                return (Span(_series.SelectMany(s => s.Y)), (0, 1));
            case ChartKind.Bar:
                var (lo, hi) = Span(_series.SelectMany(s => s.Y));
                return ((0, 1), (Math.Min(0, lo), Math.Max(0, hi)));
            case ChartKind.Box:
                return ((0, 1), Span(_series.SelectMany(s => s.Y)));
            default:
                return (Span(_series.SelectMany(s => s.X)), Span(_series.SelectMany(s => s.Y)));
        }
    }

    private void DrawAxes(StringBuilder svg, PlotPlan plan)
    {
        var bottom = plan.Top + plan.PlotHeight;
        var right = plan.Left + plan.PlotWidth;
        for (var i = 0; i < plan.YTicks.Values.Count; i++)
        {
            var y = plan.Y(plan.YTicks.Values[i]);
            svg.Append(Invariant($"<line x1=\"{N(plan.Left)}\" y1=\"{N(y)}\" x2=\"{N(right)}\" y2=\"{N(y)}\" stroke=\"#e5e5e5\"/>"));
            svg.Append(Invariant($"<text x=\"{N(plan.Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{Escape(plan.YTicks.Labels[i])}</text>"));
        }
        if (plan.XTicks is { } xTicks)
        {
            for (var i = 0; i < xTicks.Values.Count; i++)
            {
                var x = plan.X(xTicks.Values[i]);
                svg.Append(Invariant($"<line x1=\"{N(x)}\" y1=\"{N(plan.Top)}\" x2=\"{N(x)}\" y2=\"{N(bottom)}\" stroke=\"#f0f0f0\"/>"));
                svg.Append(Invariant($"<line x1=\"{N(x)}\" y1=\"{N(bottom)}\" x2=\"{N(x)}\" y2=\"{N(bottom + 4)}\" stroke=\"#444\"/>"));
                svg.Append(Invariant($"<text x=\"{N(x)}\" y=\"{N(bottom + 16)}\" text-anchor=\"middle\">{Escape(xTicks.Labels[i])}</text>"));
            }
        }
        else
        {
            for (var i = 0; i < plan.Categories.Count; i += plan.CategoryEvery)
            {
                var x = plan.CategoryCenter(i);
                var label = Shorten(plan.Categories[i]);
                svg.Append(plan.RotateCategories
                    ? Invariant($"<text x=\"{N(x)}\" y=\"{N(bottom + 12)}\" text-anchor=\"end\" transform=\"rotate(-40 {N(x)} {N(bottom + 12)})\">{Escape(label)}</text>")
                    : Invariant($"<text x=\"{N(x)}\" y=\"{N(bottom + 16)}\" text-anchor=\"middle\">{Escape(label)}</text>"));
            }
        }
        svg.Append(Invariant($"<line x1=\"{N(plan.Left)}\" y1=\"{N(bottom)}\" x2=\"{N(right)}\" y2=\"{N(bottom)}\" stroke=\"#444\"/>"));
        svg.Append(Invariant($"<line x1=\"{N(plan.Left)}\" y1=\"{N(plan.Top)}\" x2=\"{N(plan.Left)}\" y2=\"{N(bottom)}\" stroke=\"#444\"/>"));
        if (XLabel is not null)
        {
            var y = Height - 8 - (Skipped > 0 ? 14 : 0);
            svg.Append(Invariant($"<text x=\"{N(plan.Left + plan.PlotWidth / 2)}\" y=\"{N(y)}\" text-anchor=\"middle\" font-size=\"12\">{Escape(XLabel)}</text>"));
        }
        if (YLabel is not null)
        {
            var y = plan.Top + plan.PlotHeight / 2;
            svg.Append(Invariant($"<text x=\"14\" y=\"{N(y)}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {N(y)})\">{Escape(YLabel)}</text>"));
        }
    }

    private void DrawSeries(StringBuilder svg, PlotPlan plan)
    {
        var bottom = plan.Top + plan.PlotHeight;
        for (var s = 0; s < _series.Count; s++)
        {
            var series = _series[s];
            var color = Palette[s % Palette.Length];
            switch (Kind)
            {
                case ChartKind.Line or ChartKind.Cdf:
                    var line = Kind == ChartKind.Cdf ? ChartData.Cdf(series.Name, series.Y) : ChartData.ThinLine(series.Name, series.X, series.Y);
                    if (line.X.Length == 1)
                    {
                        svg.Append(Invariant($"<circle cx=\"{N(plan.X(line.X[0]))}\" cy=\"{N(plan.Y(line.Y[0]))}\" r=\"3\" fill=\"{color}\"/>"));
                        break;
                    }
                    svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\""));
                    for (var i = 0; i < line.X.Length; i++)
                    {
                        svg.Append(Invariant($"{(i == 0 ? "" : " ")}{N(plan.X(line.X[i]))},{N(plan.Y(line.Y[i]))}"));
                    }
                    svg.Append("\"/>");
                    break;
                case ChartKind.Scatter:
                    var points = ChartData.ThinScatter(series.Name, series.X, series.Y, (plan.XTicks!.Min, plan.XTicks.Max), (plan.YTicks.Min, plan.YTicks.Max), plan.PlotWidth, plan.PlotHeight);
                    svg.Append(Invariant($"<g fill=\"{color}\" fill-opacity=\"0.7\">"));
                    for (var i = 0; i < points.X.Length; i++)
                    {
                        svg.Append(Invariant($"<circle cx=\"{N(plan.X(points.X[i]))}\" cy=\"{N(plan.Y(points.Y[i]))}\" r=\"2.5\"/>"));
                    }
                    svg.Append("</g>");
                    break;
                case ChartKind.Bar:
                    var width = plan.Band * 0.8 / _series.Count;
                    for (var i = 0; i < series.Y.Length; i++)
                    {
                        if (!double.IsFinite(series.Y[i]))
                        {
                            continue;
                        }
                        var x = plan.Left + i * plan.Band + plan.Band * 0.1 + s * width;
                        var (y0, y1) = (plan.Y(Math.Max(0, series.Y[i])), plan.Y(Math.Min(0, series.Y[i])));
                        svg.Append(Invariant($"<rect x=\"{N(x)}\" y=\"{N(y0)}\" width=\"{N(width)}\" height=\"{N(y1 - y0)}\" fill=\"{color}\"/>"));
                    }
                    break;
                case ChartKind.Histogram:
                    var bins = plan.Histogram!;
                    var counts = bins.Series[s].Counts;
                    svg.Append(Invariant($"<g fill=\"{color}\" fill-opacity=\"{(_series.Count > 1 ? "0.6" : "1")}\" stroke=\"white\" stroke-width=\"0.5\">"));
                    for (var i = 0; i < counts.Length; i++)
                    {
                        if (counts[i] == 0)
                        {
                            continue;
                        }
                        var x0 = plan.X(bins.Edges[i]);
                        var y = plan.Y(counts[i]);
                        svg.Append(Invariant($"<rect x=\"{N(x0)}\" y=\"{N(y)}\" width=\"{N(plan.X(bins.Edges[i + 1]) - x0)}\" height=\"{N(bottom - y)}\"/>"));
                    }
                    svg.Append("</g>");
                    break;
                case ChartKind.Box:
                    DrawBox(svg, plan, s, color);
                    break;
            }
        }
    }

    private void DrawBox(StringBuilder svg, PlotPlan plan, int index, string color)
    {
        var series = _series[index];
        if (series.Y.Length == 0)
        {
            return;
        }
        var box = ChartData.Box(series.Name, series.Y, plan.PlotHeight / (plan.YTicks.Max - plan.YTicks.Min));
        var center = plan.CategoryCenter(index);
        var half = Math.Min(40, plan.Band * 0.3);
        svg.Append(Invariant($"<g stroke=\"{color}\" stroke-width=\"1.5\">"));
        svg.Append(Invariant($"<line x1=\"{N(center)}\" y1=\"{N(plan.Y(box.UpperWhisker))}\" x2=\"{N(center)}\" y2=\"{N(plan.Y(box.Q3))}\"/>"));
        svg.Append(Invariant($"<line x1=\"{N(center)}\" y1=\"{N(plan.Y(box.Q1))}\" x2=\"{N(center)}\" y2=\"{N(plan.Y(box.LowerWhisker))}\"/>"));
        foreach (var whisker in new[] { box.UpperWhisker, box.LowerWhisker })
        {
            svg.Append(Invariant($"<line x1=\"{N(center - half / 2)}\" y1=\"{N(plan.Y(whisker))}\" x2=\"{N(center + half / 2)}\" y2=\"{N(plan.Y(whisker))}\"/>"));
        }
        svg.Append(Invariant($"<rect x=\"{N(center - half)}\" y=\"{N(plan.Y(box.Q3))}\" width=\"{N(2 * half)}\" height=\"{N(plan.Y(box.Q1) - plan.Y(box.Q3))}\" fill=\"{color}\" fill-opacity=\"0.25\"/>"));
        svg.Append(Invariant($"<line x1=\"{N(center - half)}\" y1=\"{N(plan.Y(box.Median))}\" x2=\"{N(center + half)}\" y2=\"{N(plan.Y(box.Median))}\" stroke-width=\"2.5\"/>"));
        svg.Append("</g>");
        svg.Append(Invariant($"<g fill=\"none\" stroke=\"{color}\">"));
        foreach (var outlier in box.Outliers)
        {
            svg.Append(Invariant($"<circle cx=\"{N(center)}\" cy=\"{N(plan.Y(outlier))}\" r=\"2.5\"/>"));
        }
        svg.Append("</g>");
    }

    private void DrawLegend(StringBuilder svg, PlotPlan plan)
    {
        if (!plan.ShowLegend)
        {
            return;
        }
        var y = plan.Top - 12;
        var x = plan.Left;
        for (var s = 0; s < _series.Count; s++)
        {
            var name = Shorten(_series[s].Name);
            svg.Append(Invariant($"<rect x=\"{N(x)}\" y=\"{N(y - 9)}\" width=\"10\" height=\"10\" fill=\"{Palette[s % Palette.Length]}\"/>"));
            svg.Append(Invariant($"<text x=\"{N(x + 14)}\" y=\"{N(y)}\">{Escape(name)}</text>"));
            x += 14 + name.Length * AxisTicks.CharWidth + 16;
        }
    }

    private static string Shorten(string label) => label.Length <= MaxCategoryLabel ? label : label[..(MaxCategoryLabel - 1)] + "…";

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
