namespace NetworkingLessons.Notebooks.Rendering;

/// <summary>
/// The scripts a static site of executed notebooks uses, copied into the site so that it works
/// offline (no CDN): mermaid draws the diagrams in markdown and mermaid cells, plotly.js makes the
/// charts interactive. Both come from npm (the course's <c>web/package.json</c>). Without them a
/// page still reads: diagrams show as their source, charts as the SVG drawn beside each.
/// </summary>
public static class SiteScripts
{
    /// <summary>The folder in a site that holds the scripts.</summary>
    public const string Folder = "assets";

    /// <summary>Each script: its npm package, its file in that package, its file in the site.</summary>
    public static readonly IReadOnlyList<(string Package, string PathInPackage, string SiteFile)> All =
    [
        ("mermaid", "dist/mermaid.min.js", "mermaid.min.js"),
        ("plotly.js-dist-min", "plotly.min.js", "plotly.min.js"),
    ];

    /// <summary>Copies the scripts found under <paramref name="nodeModules"/> into <paramref name="site"/>/assets.</summary>
    /// <returns>The packages that were not found (so the site works without them).</returns>
    public static IReadOnlyList<string> Copy(string? nodeModules, string site)
    {
        ArgumentException.ThrowIfNullOrEmpty(site);
        var missing = new List<string>();
        foreach (var (package, pathInPackage, siteFile) in All)
        {
            var source = nodeModules is null ? null : Path.Combine(nodeModules, package, pathInPackage);
            if (source is null || !File.Exists(source))
            {
                missing.Add(package);
                continue;
            }
            Directory.CreateDirectory(Path.Combine(site, Folder));
            File.Copy(source, Path.Combine(site, Folder, siteFile), overwrite: true);
        }
        return missing;
    }

    /// <summary>The head elements that load the scripts present in <paramref name="site"/>.</summary>
    public static string Head(string site)
    {
        var head = new System.Text.StringBuilder();
        if (File.Exists(Path.Combine(site, Folder, "plotly.min.js")))
        {
            // Loaded first, so charts draw at once; the charts' own loader also looks here, never at a CDN.
            head.Append($"<script>window.NL_PLOTLY_SRC = \"{Folder}/plotly.min.js\";</script>\n");
            head.Append($"<script src=\"{Folder}/plotly.min.js\"></script>\n");
        }
        if (File.Exists(Path.Combine(site, Folder, "mermaid.min.js")))
        {
            head.Append($"<script src=\"{Folder}/mermaid.min.js\"></script>\n");
            head.Append("<script>document.addEventListener(\"DOMContentLoaded\", function () { mermaid.initialize({ startOnLoad: false }); mermaid.run({ querySelector: \".mermaid\" }); });</script>\n");
        }
        return head.ToString();
    }
}
