using System.Globalization;

namespace NetworkingLessons.Display;

/// <summary>
/// A chart built from plain .NET data with a small fluent API, e.g.
/// <c>Chart.Histogram(latenciesUs, "Round trip (µs)").WithTitle("Echo latency")</c>. In a notebook
/// it shows as an SVG the library draws itself (so it appears everywhere, GitHub and offline
/// included) and as an interactive Plotly figure where scripts run. NaN and infinite values are
/// left out and counted in a note; empty data draws an empty chart that says so.
/// </summary>
public sealed partial class Chart
{
    private readonly List<ChartSeries> _series = [];
    private readonly List<string> _categories = [];

    private Chart(ChartKind kind) => Kind = kind;

    /// <summary>What kind of chart this is.</summary>
    public ChartKind Kind { get; }

    /// <summary>The title above the chart, if any.</summary>
    public string? Title { get; private set; }

    /// <summary>The x axis label, with its unit.</summary>
    public string? XLabel { get; private set; }

    /// <summary>The y axis label, with its unit.</summary>
    public string? YLabel { get; private set; }

    /// <summary>Width of the drawing in pixels.</summary>
    public int Width { get; private set; } = 640;

    /// <summary>Height of the drawing in pixels.</summary>
    public int Height { get; private set; } = 400;

    /// <summary>The number of bins asked for (histograms); null for the automatic choice.</summary>
    public int? Bins { get; private set; }

    /// <summary>The names of the series, in order.</summary>
    public IReadOnlyList<string> SeriesNames => [.. _series.Select(s => s.Name)];

    /// <summary>How many values were left out because they were NaN or infinite.</summary>
    public int Skipped => _series.Sum(s => s.Skipped);

    /// <summary>A line chart of <paramref name="y"/> against <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException">The two sequences differ in length.</exception>
    public static Chart Line(IEnumerable<double> x, IEnumerable<double> y, string name = "series 1") =>
        new Chart(ChartKind.Line).AddSeries(x, y, name);

    /// <summary>A line chart of <paramref name="y"/> against its index (0, 1, 2, …).</summary>
    public static Chart Line(IEnumerable<double> y, string name = "series 1")
    {
        ArgumentNullException.ThrowIfNull(y);
        var values = y as double[] ?? [.. y];
        return Line(Enumerable.Range(0, values.Length).Select(i => (double)i), values, name);
    }

    /// <summary>A scatter plot of <paramref name="y"/> against <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException">The two sequences differ in length.</exception>
    public static Chart Scatter(IEnumerable<double> x, IEnumerable<double> y, string name = "series 1") =>
        new Chart(ChartKind.Scatter).AddSeries(x, y, name);

    /// <summary>A bar chart: one bar per category. Add more series with <see cref="AddBars"/> to group them.</summary>
    /// <exception cref="ArgumentException">Categories and values differ in number, or a category repeats.</exception>
    public static Chart Bar(IEnumerable<string> categories, IEnumerable<double> values, string name = "series 1")
    {
        ArgumentNullException.ThrowIfNull(categories);
        var chart = new Chart(ChartKind.Bar);
        chart._categories.AddRange(categories);
        var duplicate = chart._categories.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The category '{duplicate.Key}' appears more than once.", nameof(categories));
        }
        return chart.AddBars(values, name);
    }

    /// <summary>A histogram of <paramref name="values"/>, whose unit the axis label gives.</summary>
    /// <param name="values">The sample.</param>
    /// <param name="xLabel">What the values are, with the unit: "Round trip (µs)".</param>
    /// <param name="bins">About how many bins; by default Sturges' rule, 5 to 50.</param>
    /// <param name="name">The series name, for the legend when you add more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is not between 1 and 1000.</exception>
    public static Chart Histogram(IEnumerable<double> values, string xLabel, int? bins = null, string name = "series 1")
    {
        if (bins is int b && (b < 1 || b > 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(bins), b, "A histogram needs 1 to 1000 bins.");
        }
        var chart = new Chart(ChartKind.Histogram) { XLabel = xLabel, YLabel = "Count", Bins = bins };
        return chart.AddSample(values, name);
    }

    /// <summary>The cumulative distribution of <paramref name="values"/>: for latency, read off any percentile.</summary>
    public static Chart Cdf(IEnumerable<double> values, string xLabel, string name = "series 1") =>
        new Chart(ChartKind.Cdf) { XLabel = xLabel, YLabel = "Fraction at or below" }.AddSample(values, name);

    /// <summary>A box plot of <paramref name="values"/>; add more boxes with <see cref="AddSample"/>.</summary>
    public static Chart Box(IEnumerable<double> values, string name, string? yLabel = null) =>
        new Chart(ChartKind.Box) { YLabel = yLabel }.AddSample(values, name);

    /// <summary>Adds a line or scatter series.</summary>
    /// <exception cref="InvalidOperationException">This chart is not a line or scatter chart.</exception>
    /// <exception cref="ArgumentException">The two sequences differ in length.</exception>
    public Chart AddSeries(IEnumerable<double> x, IEnumerable<double> y, string name)
    {
        Require(ChartKind.Line, ChartKind.Scatter);
        _series.Add(ChartSeries.OfPoints(Named(name), x, y));
        return this;
    }

    /// <summary>Adds a series of bars, one value per category, grouped with the others.</summary>
    /// <exception cref="InvalidOperationException">This chart is not a bar chart.</exception>
    /// <exception cref="ArgumentException">The number of values is not the number of categories.</exception>
    public Chart AddBars(IEnumerable<double> values, string name)
    {
        Require(ChartKind.Bar);
        ArgumentNullException.ThrowIfNull(values);
        var list = values as double[] ?? [.. values];
        if (list.Length != _categories.Count)
        {
            throw new ArgumentException($"Series '{name}' has {list.Length} values for {_categories.Count} categories; give one value per category.", nameof(values));
        }
        // A NaN bar has no height: draw none, and say so in the note.
        var skipped = list.Count(v => !double.IsFinite(v));
        _series.Add(new ChartSeries(Named(name), [], [.. list.Select(v => double.IsFinite(v) ? v : double.NaN)], skipped));
        return this;
    }

    /// <summary>Adds a sample to a histogram, CDF or box plot.</summary>
    /// <exception cref="InvalidOperationException">This chart is not a histogram, CDF or box plot.</exception>
    public Chart AddSample(IEnumerable<double> values, string name)
    {
        Require(ChartKind.Histogram, ChartKind.Cdf, ChartKind.Box);
        _series.Add(ChartSeries.OfSample(Named(name), values));
        return this;
    }

    /// <summary>Sets the title.</summary>
    public Chart WithTitle(string title)
    {
        Title = title;
        return this;
    }

    /// <summary>Sets the x axis label; give the unit, e.g. "Payload (bytes)".</summary>
    public Chart WithXAxis(string label)
    {
        XLabel = label;
        return this;
    }

    /// <summary>Sets the y axis label; give the unit, e.g. "Round trip (µs)".</summary>
    public Chart WithYAxis(string label)
    {
        YLabel = label;
        return this;
    }

    /// <summary>Sets the drawing's size in pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width or height is outside 200–4000.</exception>
    public Chart WithSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 4000);
        Width = width;
        Height = height;
        return this;
    }

    /// <summary>The chart for notebooks: <c>text/plain</c> (a summary), <c>image/svg+xml</c>, and <c>text/html</c> (Plotly, with the SVG inside until plotly.js loads).</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => new Dictionary<string, string>
    {
        ["text/plain"] = ToString(),
        ["image/svg+xml"] = ToSvg(),
        ["text/html"] = ToHtml(),
    };

    /// <summary>A one-line summary: kind, title, series and how many values each has.</summary>
    public override string ToString()
    {
        var parts = _series.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {s.Y.Length} values"));
        var note = Skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({Skipped} NaN or infinite left out)") : "";
        return $"{Kind} chart{(Title is null ? "" : $" \"{Title}\"")}: {string.Join("; ", parts)}{note}";
    }

    private string Named(string name) => string.IsNullOrWhiteSpace(name) ? $"series {_series.Count + 1}" : name;

    private void Require(params ChartKind[] kinds)
    {
        if (!kinds.Contains(Kind))
        {
            throw new InvalidOperationException($"A {Kind} chart cannot take that kind of series; it takes what Chart.{Kind}(…) takes.");
        }
    }
}
