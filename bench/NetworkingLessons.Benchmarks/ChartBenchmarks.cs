using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NetworkingLessons.Display;

namespace NetworkingLessons.Benchmarks;

/// <summary>
/// A chart of 10⁶ latency samples, SVG and Plotly figure both, against the baseline of merely
/// serialising the raw values as JSON (what handing them to plotly.js unthinned would cost).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ChartBenchmarks
{
    private double[] _values = [];
    private double[] _index = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _values = [.. Enumerable.Range(0, 1_000_000).Select(_ => 80 + 40 * -Math.Log(1 - random.NextDouble()))];
        _index = [.. Enumerable.Range(0, _values.Length).Select(i => (double)i)];
    }

    [Benchmark(Baseline = true, Description = "JSON of the raw values")]
    public int RawJson() => JsonSerializer.Serialize(_values).Length;

    [Benchmark(Description = "Line, SVG + Plotly")]
    public int Line() => Render(Chart.Line(_index, _values));

    [Benchmark(Description = "Scatter, SVG + Plotly")]
    public int Scatter() => Render(Chart.Scatter(_index, _values));

    [Benchmark(Description = "Histogram, SVG + Plotly")]
    public int Histogram() => Render(Chart.Histogram(_values, "Round trip (µs)"));

    [Benchmark(Description = "CDF, SVG + Plotly")]
    public int Cdf() => Render(Chart.Cdf(_values, "Round trip (µs)"));

    [Benchmark(Description = "Box, SVG + Plotly")]
    public int Box() => Render(Chart.Box(_values, "all"));

    private static int Render(Chart chart) => chart.ToSvg().Length + chart.ToPlotlyJson().Length;
}
