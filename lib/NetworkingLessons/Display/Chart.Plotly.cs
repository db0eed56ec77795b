using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Display;

public sealed partial class Chart
{
    /// <summary>Where the HTML form loads plotly.js from when the page has not loaded it already (a page may set <c>window.NL_PLOTLY_SRC</c>).</summary>
    public const string PlotlyScriptUrl = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    /// <summary>
    /// The chart as a Plotly figure, <c>{"data": [...], "layout": {...}}</c>, following plotly.js's
    /// schema. It carries the same thinned data as the SVG (binned histograms, box statistics), not
    /// every raw value.
    /// </summary>
    public string ToPlotlyJson() => Figure().ToJsonString();

    /// <summary>
    /// The chart as HTML in the way XPlot.Plotly showed charts in Polyglot Notebooks: a div and a
    /// script that loads plotly.js and draws the figure. The div holds the SVG, so that where
    /// scripts do not run or plotly.js cannot load (offline), the drawing still shows.
    /// </summary>
    public string ToHtml()
    {
        var json = ToPlotlyJson();
        var id = "nl-chart-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        return $$"""
            <div id="{{id}}" style="width:{{Width}}px;max-width:100%">{{ToSvg()}}</div>
            <script type="text/javascript">
            (function () {
              var figure = {{json}};
              var el = (document.currentScript && document.currentScript.previousElementSibling) || document.getElementById("{{id}}");
              function draw() { el.innerHTML = ""; window.Plotly.newPlot(el, figure.data, figure.layout, { displaylogo: false, responsive: true }); }
              if (window.Plotly) { draw(); return; }
              window.__nlPlotly = window.__nlPlotly || new Promise(function (resolve, reject) {
                var script = document.createElement("script");
                script.src = window.NL_PLOTLY_SRC || "{{PlotlyScriptUrl}}";
                script.onload = resolve; script.onerror = reject;
                document.head.appendChild(script);
              });
              window.__nlPlotly.then(draw, function () { /* offline: the SVG stays */ });
            })();
            </script>
            """;
    }

    internal JsonObject Figure()
    {
        var data = new JsonArray();
        var layout = new JsonObject
        {
            ["width"] = Width,
            ["height"] = Height,
            ["showlegend"] = _series.Count > 1 && Kind != ChartKind.Box,
            ["colorway"] = new JsonArray([.. Palette.Select(c => (JsonNode)c)]),
            ["xaxis"] = Axis(XLabel),
            ["yaxis"] = Axis(YLabel),
        };
        if (Title is not null)
        {
            layout["title"] = new JsonObject { ["text"] = Title };
        }
        var empty = _series.All(s => s.Y.All(v => !double.IsFinite(v)));
        if (empty)
        {
            layout["annotations"] = new JsonArray(new JsonObject
            {
                ["text"] = "No data",
                ["showarrow"] = false,
                ["xref"] = "paper",
                ["yref"] = "paper",
                ["x"] = 0.5,
                ["y"] = 0.5,
            });
            return new JsonObject { ["data"] = data, ["layout"] = layout };
        }
        var histogram = Kind == ChartKind.Histogram ? ChartData.Bin(_series, Bins) : null;
        for (var s = 0; s < _series.Count; s++)
        {
            var series = _series[s];
            var color = Palette[s % Palette.Length];
            switch (Kind)
            {
                case ChartKind.Line:
                    var line = ChartData.ThinLine(series.Name, series.X, series.Y);
                    data.Add(Trace("scatter", series.Name, line.X, line.Y, line.X.Length == 1 ? "markers" : "lines", color));
                    break;
                case ChartKind.Scatter:
                    var points = ChartData.ThinScatter(series.Name, series.X, series.Y, Span(series.X), Span(series.Y), Width, Height);
                    var trace = Trace("scatter", series.Name, points.X, points.Y, "markers", color);
                    trace["marker"] = new JsonObject { ["color"] = color, ["size"] = 5, ["opacity"] = 0.7 };
                    data.Add(trace);
                    break;
                case ChartKind.Cdf:
                    var cdf = ChartData.Cdf(series.Name, series.Y);
                    var steps = Trace("scatter", series.Name, cdf.X, cdf.Y, "lines", color);
                    steps["line"] = new JsonObject { ["color"] = color, ["shape"] = "hv" };
                    data.Add(steps);
                    break;
                case ChartKind.Bar:
                    data.Add(new JsonObject
                    {
                        ["type"] = "bar",
                        ["name"] = series.Name,
                        ["x"] = new JsonArray([.. _categories.Select(c => (JsonNode)c)]),
                        ["y"] = Numbers(series.Y),
                        ["marker"] = new JsonObject { ["color"] = color },
                    });
                    layout["barmode"] = "group";
                    break;
                case ChartKind.Histogram:
                    var edges = histogram!.Edges;
                    data.Add(new JsonObject
                    {
                        ["type"] = "bar",
                        ["name"] = series.Name,
                        ["x"] = Numbers(edges.Take(edges.Length - 1).Select((e, i) => (e + edges[i + 1]) / 2)),
                        ["y"] = Numbers(histogram.Series[s].Counts),
                        ["width"] = edges[1] - edges[0],
                        ["opacity"] = _series.Count > 1 ? 0.6 : 1,
                        ["marker"] = new JsonObject { ["color"] = color },
                    });
                    layout["barmode"] = "overlay";
                    layout["bargap"] = 0;
                    break;
                case ChartKind.Box:
                    var (lo, hi) = Span(series.Y);
                    var box = ChartData.Box(series.Name, series.Y, Height / Math.Max(1e-300, hi - lo));
                    data.Add(new JsonObject
                    {
                        ["type"] = "box",
                        ["name"] = series.Name,
                        ["x"] = new JsonArray(series.Name),
                        ["q1"] = Numbers([box.Q1]),
                        ["median"] = Numbers([box.Median]),
                        ["q3"] = Numbers([box.Q3]),
                        ["lowerfence"] = Numbers([box.LowerWhisker]),
                        ["upperfence"] = Numbers([box.UpperWhisker]),
                        ["marker"] = new JsonObject { ["color"] = color },
                    });
                    if (box.Outliers.Length > 0)
                    {
                        var outliers = Trace("scatter", series.Name + " outliers", [], box.Outliers, "markers", color);
                        outliers["x"] = new JsonArray([.. box.Outliers.Select(_ => (JsonNode)series.Name)]);
                        outliers["showlegend"] = false;
                        data.Add(outliers);
                    }
                    break;
            }
        }
        return new JsonObject { ["data"] = data, ["layout"] = layout };
    }

    private static JsonObject Axis(string? label) =>
        label is null ? new JsonObject() : new JsonObject { ["title"] = new JsonObject { ["text"] = label } };

    // Plotly's schema has "line" only where the mode draws lines, "marker" only where it draws markers.
    private static JsonObject Trace(string type, string name, double[] x, double[] y, string mode, string color)
    {
        var trace = new JsonObject
        {
            ["type"] = type,
            ["name"] = name,
            ["mode"] = mode,
            ["x"] = Numbers(x),
            ["y"] = Numbers(y),
        };
        trace[mode == "lines" ? "line" : "marker"] = new JsonObject { ["color"] = color };
        return trace;
    }

    // NaN is not JSON; Plotly reads null as a gap.
    private static JsonArray Numbers(IEnumerable<double> values) =>
        new([.. values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null)]);

    private static (double, double) Span(double[] values) =>
        values.Length == 0 ? (0, 1) : values.Min() is var lo && values.Max() is var hi && hi > lo ? (lo, hi) : (lo - 1, hi + 1);
}
