using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Rendering;

/// <summary>
/// Renders a notebook as one static HTML page: markdown as HTML, code as preformatted text, and
/// each output in its richest MIME type (HTML, SVG, markdown, then plain text). Readable in any
/// browser, with no notebook tool.
/// </summary>
public static partial class NotebookHtml
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}
        pre{background:#f6f8fa;padding:.6rem .8rem;border-radius:6px;font-size:.9rem;white-space:pre-wrap;overflow-wrap:anywhere}
        td,th{overflow-wrap:break-word}
        .cell{margin:1rem 0}.code pre{border-left:3px solid #0969da}
        .output pre{background:#fff;border-left:3px solid #d0d7de}.output .stderr{border-left-color:#bf8700}
        .output .error{border-left-color:#cf222e;background:#fff5f5;color:#82071e}
        .prompt{color:#57606a;font-size:.75rem;font-family:monospace}
        table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
        blockquote{border-left:4px solid #d0d7de;margin:0;padding:0 1rem;color:#57606a}
        .header{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;margin-bottom:1.5rem}
        """;

    /// <summary>Converts markdown to HTML.</summary>
    public static string MarkdownToHtml(string markdown) => Markdig.Markdown.ToHtml(markdown ?? "", Markdown);

    /// <summary>Renders a whole page.</summary>
    public static string Render(Notebook notebook, HtmlPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new HtmlPageOptions();
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (!options.AllowScripts)
        {
            page.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        }
        page.Append("<title>").Append(Encode(options.Title)).Append("</title>\n<style>").Append(Style).Append("</style>\n");
        page.Append(options.Head).Append("</head>\n<body>\n");
        if (options.Header is not null)
        {
            page.Append("<div class=\"header\">").Append(options.Header).Append("</div>\n");
        }
        foreach (var cell in notebook.Cells)
        {
            page.Append(RenderCell(cell, options));
        }
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    private static string RenderCell(NotebookCell cell, HtmlPageOptions options)
    {
        if (cell.Kind == CellKind.Markdown)
        {
            var html = MarkdownToHtml(cell.Source);
            if (options.LinkNotebooksAsPages)
            {
                html = NotebookLink().Replace(html, "href=\"$1.html$2\"");
                // In a static site the index page stands in for the README's lesson table.
                html = ReadmeLink().Replace(html, "href=\"index.html\"");
            }
            return $"<div class=\"cell markdown\">{html}</div>\n";
        }
        if (cell.Kind == CellKind.Raw)
        {
            return $"<div class=\"cell raw\"><pre>{Encode(cell.Source)}</pre></div>\n";
        }
        var text = new StringBuilder("<div class=\"cell code\">");
        var count = cell.ExecutionCount is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : " ";
        text.Append($"<div class=\"prompt\">In [{count}]:</div><pre><code class=\"language-csharp\">{Encode(cell.Source)}</code></pre>");
        foreach (var output in cell.Outputs)
        {
            text.Append("<div class=\"output\">").Append(options.IsolateOutputs ? RenderIsolated(output) : RenderOutput(output)).Append("</div>");
        }
        return text.Append("</div>\n").ToString();
    }

    /// <summary>One output in its richest form.</summary>
    public static string RenderOutput(CellOutput output) => output switch
    {
        StreamOutput s => $"<pre class=\"{Encode(s.Name)}\">{Encode(s.Text)}</pre>",
        DisplayDataOutput d => RenderBundle(d.Data),
        ExecuteResultOutput r => RenderBundle(r.Data),
        ErrorOutput e => $"<pre class=\"error\">{Encode(e.Value)}{(e.Traceback.Count > 0 ? "\n" + Encode(string.Join('\n', e.Traceback)) : "")}</pre>",
        RawOutput raw => $"<pre>{Encode(raw.Json.ToJsonString())}</pre>",
        _ => "",
    };

    // Markup in a frame with every sandbox restriction (no scripts, forms, popups or navigation of
    // the page); srcdoc inherits the page's policy, which allows no script either.
    private static string RenderIsolated(CellOutput output)
    {
        var bundle = output switch
        {
            DisplayDataOutput d => d.Data,
            ExecuteResultOutput r => r.Data,
            _ => null,
        };
        if (bundle is null || bundle.Richest.Key is not ("text/html" or "image/svg+xml" or "text/markdown"))
        {
            return RenderOutput(output);
        }
        return $"<iframe sandbox=\"\" referrerpolicy=\"no-referrer\" style=\"width:100%;height:16rem;border:1px solid #d0d7de;resize:vertical\" srcdoc=\"{Encode(RenderBundle(bundle))}\"></iframe>";
    }

    private static string RenderBundle(MimeBundle bundle)
    {
        var (mime, content) = bundle.Richest;
        return mime switch
        {
            "text/html" or "image/svg+xml" => content,
            "text/markdown" => MarkdownToHtml(content),
            _ => $"<pre>{Encode(content)}</pre>",
        };
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("href=\"([^\"#:]+)\\.ipynb(#[^\"]*)?\"")]
    private static partial Regex NotebookLink();

    [GeneratedRegex("href=\"(\\.\\./)*README\\.md(#[^\"]*)?\"")]
    private static partial Regex ReadmeLink();
}
