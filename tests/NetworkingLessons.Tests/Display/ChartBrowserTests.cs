using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetworkingLessons.Display;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Display;

/// <summary>
/// Charts in a real browser (Debian's headless Chromium): every SVG paints pixels, every Plotly
/// figure passes plotly.js's own Plotly.validate and is drawn by it. The page loads plotly.js from
/// disk (npm's plotly.js-dist-min, installed by .ci/install-peers) and nothing from the network.
/// </summary>
public sealed partial class ChartBrowserTests : IDisposable
{
    private readonly TempFolder _temp = new("chart-browser");

    public void Dispose() => _temp.Dispose();

    private static string PlotlyScript =>
        CourseFiles.WebModule("plotly.js-dist-min", "plotly.min.js") is var path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run 'bash .ci/install-peers' (npm install in web).");

    private static List<(string Name, Chart Chart)> Charts()
    {
        var random = new Random(3);
        var latencies = Enumerable.Range(0, 2000).Select(_ => 80 + 40 * -Math.Log(1 - random.NextDouble())).ToArray();
        var million = Enumerable.Range(0, 1_000_000).Select(i => Math.Sin(i / 5000.0) * 100 + (i % 97)).ToArray();
        return
        [
            ("line", Chart.Line([1, 2, 4, 8], [5, 3, 2, 1.5], "a").AddSeries([1, 2, 4, 8], [1, 2, 3, 4], "b").WithTitle("Line").WithXAxis("x (s)").WithYAxis("y (ms)")),
            ("scatter", Chart.Scatter([.. Enumerable.Range(0, 300).Select(i => (double)i)], [.. latencies.Take(300)])),
            ("bar", Chart.Bar(["int", "string", "list"], [5, 18, 820], "JSON").AddBars([1, 9, 411], "MessagePack").WithTitle("Bytes")),
            ("histogram", Chart.Histogram(latencies, "Round trip (µs)").WithTitle("Histogram")),
            ("cdf", Chart.Cdf(latencies, "Round trip (µs)")),
            ("box", Chart.Box(latencies, "one client", "µs").AddSample(latencies.Select(v => v * 2), "ten clients")),
            ("empty", Chart.Histogram([], "nothing")),
            ("nan", Chart.Line([0, 1, 2], [1, double.NaN, 2])),
            ("million", Chart.Line(million)),
        ];
    }

    [PeerFact(Peer.Chromium, Peer.PlotlyJs)]
    public async Task Charts_InChromium_PaintAndPassPlotlyValidate()
    {
        var charts = Charts();
        var page = new StringBuilder($"""
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <script src="{new Uri(PlotlyScript).AbsoluteUri}"></script>
            </head><body>
            """);
        var figures = new JsonArray();
        foreach (var (name, chart) in charts)
        {
            page.Append($"<h3>{name}</h3><div class=\"svg\" data-name=\"{name}\">{chart.ToSvg()}</div><div class=\"html\">{chart.ToHtml()}</div>");
            figures.Add(JsonNode.Parse(chart.ToPlotlyJson()));
        }
        page.Append($$"""
            <pre id="results"></pre>
            <script>
            const figures = {{figures.ToJsonString()}};
            const names = {{new JsonArray([.. charts.Select(c => (JsonNode)c.Name)]).ToJsonString()}};
            const results = { invalid: {}, painted: {}, plotly: document.querySelectorAll(".js-plotly-plot").length };
            figures.forEach((f, i) => { const errors = Plotly.validate(f.data, f.layout); if (errors && errors.length) results.invalid[names[i]] = errors.map(e => e.msg); });
            const jobs = [...document.querySelectorAll(".svg")].map(div => new Promise(resolve => {
              const svg = div.querySelector("svg"), img = new Image();
              img.onload = () => {
                const canvas = document.createElement("canvas"); canvas.width = img.width; canvas.height = img.height;
                const ctx = canvas.getContext("2d"); ctx.drawImage(img, 0, 0);
                const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
                let ink = 0; for (let p = 0; p < pixels.length; p += 4) if (pixels[p] < 200 || pixels[p + 1] < 200 || pixels[p + 2] < 200) ink++;
                results.painted[div.dataset.name] = ink; resolve();
              };
              img.onerror = () => { results.painted[div.dataset.name] = -1; resolve(); };
              img.src = "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(svg.outerHTML)));
            }));
            Promise.all(jobs).then(() => { document.getElementById("results").textContent = "RESULTS" + JSON.stringify(results) + "END"; });
            </script></body></html>
            """);
        var file = System.IO.Path.Combine(_temp.Path, "charts.html");
        File.WriteAllText(file, page.ToString());

        var dom = await Chromium.DumpDomAsync(file);

        var match = ResultsPattern().Match(dom);
        Assert.True(match.Success, "the page did not report results; the browser's DOM was:\n" + dom[..Math.Min(dom.Length, 2000)]);
        var results = JsonNode.Parse(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value))!;
        Assert.True(results["invalid"]!.AsObject().Count == 0, "Plotly.validate: " + results["invalid"]!.ToJsonString());
        Assert.Equal(charts.Count, results["plotly"]!.GetValue<int>());
        foreach (var (name, _) in charts)
        {
            Assert.True(results["painted"]![name]!.GetValue<int>() > 2000, $"the {name} SVG painted only {results["painted"]![name]} dark pixels");
        }
        var screenshots = System.IO.Path.Combine(CourseFiles.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        await Chromium.ScreenshotAsync(file, System.IO.Path.Combine(screenshots, "charts.png"), 1400, 4000);
    }

    [GeneratedRegex("RESULTS(.*?)END", RegexOptions.Singleline)]
    private static partial Regex ResultsPattern();
}
