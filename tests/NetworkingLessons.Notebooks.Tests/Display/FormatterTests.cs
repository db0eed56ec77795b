using System.Collections;
using System.Diagnostics.CodeAnalysis;
using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Rendering;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Display;

[SuppressMessage("Performance", "CA1812", Justification = "Instantiated by the tests through reflection-free constructors.")]
public sealed class FormatterTests
{
    private static readonly string GoldenFolder = Path.Combine(CourseFiles.Root, "tests", "NetworkingLessons.Notebooks.Tests", "Display", "Golden");

    public sealed record Endpoint(string Host, int Port);

    public sealed class Server
    {
        public string Name { get; init; } = "echo";
        public Endpoint Listen { get; init; } = new("127.0.0.1", 9000);
        public string? Banner { get; init; }
        public int[] Ports { get; init; } = [7, 9000];
    }

    public sealed class Node
    {
        public int Value { get; init; }
        public Node? Next { get; set; }
    }

    public sealed class Throwing
    {
        public int Fine => 1;
        public int Broken => throw new InvalidOperationException("no socket yet");
    }

    public sealed class BadToString
    {
        public override string ToString() => throw new FormatException("cannot say");
    }

    public sealed class ReadOnlyLookup : IReadOnlyDictionary<string, int>
    {
        private readonly Dictionary<string, int> _inner = new() { ["http"] = 80, ["https"] = 443 };
        public int this[string key] => _inner[key];
        public IEnumerable<string> Keys => _inner.Keys;
        public IEnumerable<int> Values => _inner.Values;
        public int Count => _inner.Count;
        public bool ContainsKey(string key) => _inner.ContainsKey(key);
        public bool TryGetValue(string key, out int value) => _inner.TryGetValue(key, out value);
        public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => _inner.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public sealed class BrokenSequence : IEnumerable<int>
    {
        public IEnumerator<int> GetEnumerator() => throw new InvalidOperationException("enumeration failed");
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static Node Cycle()
    {
        var node = new Node { Value = 1 };
        node.Next = new Node { Value = 2, Next = node };
        return node;
    }

    // The values of the issue's section 2, by name; their HTML is kept as golden files.
    private static readonly Dictionary<string, Func<object?>> Values = new()
    {
        ["dictionary"] = () => new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 },
        ["read-only-dictionary"] = () => new ReadOnlyLookup(),
        ["hashtable"] = () => new Hashtable { ["port"] = 80 },
        ["dictionary-of-records"] = () => new Dictionary<string, Endpoint> { ["ntp"] = new("pool.ntp.org", 123), ["echo"] = new("127.0.0.1", 7) },
        ["record"] = () => new Endpoint("127.0.0.1", 8080),
        ["anonymous"] = () => new { Family = "InterNetwork", Port = 53 },
        ["tuple"] = () => (Port: 443, Service: "https"),
        ["array"] = () => new[] { 1, 2, 3 },
        ["list-of-records"] = () => new List<Endpoint> { new("a", 1), new("b", 2) },
        ["set"] = () => new SortedSet<string> { "tcp", "udp" },
        ["nested"] = () => new Server(),
        ["cycle"] = Cycle,
        ["throwing-getter"] = () => new Throwing(),
        ["million"] = () => Enumerable.Range(0, 1_000_000).ToList(),
        ["empty-list"] = () => new List<int>(),
    };

    public static TheoryData<string> GoldenValues() => [.. Values.Keys];

    [Theory]
    [MemberData(nameof(GoldenValues))]
    public void Format_SectionTwoValue_MatchesGoldenHtmlAndText(string name)
    {
        var bundle = Formatter.Format(Values[name]());
        var golden = $"<!-- {name} -->\n{bundle["text/html"]}\n<!-- text/plain -->\n{bundle.Text}\n";
        GoldenFile.AssertMatches(Path.Combine(GoldenFolder, name + ".html"), golden);
    }

    [Fact]
    public void Format_GenericDictionary_IsAKeyValueTable()
    {
        var bundle = Formatter.Format(new Dictionary<string, int> { ["a"] = 1 });

        Assert.Equal("{ \"a\": 1 }", bundle.Text);
        Assert.Equal("<table><thead><tr><th><i>key</i></th><th>value</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>", bundle["text/html"]);
    }

    [Fact]
    public void Format_Record_HasItsPropertiesAsColumns()
    {
        var bundle = Formatter.Format(new Endpoint("127.0.0.1", 8080));

        Assert.Equal("Endpoint { Host = \"127.0.0.1\", Port = 8080 }", bundle.Text);
        Assert.Contains("<th>Host</th><th>Port</th>", bundle["text/html"], StringComparison.Ordinal);
        Assert.Contains("<td>127.0.0.1</td><td>8080</td>", bundle["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Tuple_ShowsItsFields()
    {
        var text = Formatter.Format((443, "https")).Text;

        Assert.Equal("(443, \"https\")", text);
    }

    [Fact]
    public void Format_MillionItems_ShowsTheLimitAndCountsTheRest()
    {
        var bundle = Formatter.Format(Enumerable.Range(0, 1_000_000).ToList());

        Assert.EndsWith(", 19, … (999,980 more) ]", bundle.Text, StringComparison.Ordinal);
        Assert.Equal(Formatter.ListExpansionLimit + 1, bundle["text/html"].Split("<tr><td").Length - 1);
        Assert.Contains("… (999,980 more)", bundle["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_LazySequence_StopsAtTheLimitWithoutCounting()
    {
        var taken = 0;
        IEnumerable<int> Endless()
        {
            for (var i = 0; ; i++)
            {
                taken++;
                yield return i;
            }
        }

        var text = Formatter.Format(Endless()).Text;

        Assert.EndsWith(", 19, … ]", text, StringComparison.Ordinal);
        Assert.Equal(2 * (Formatter.ListExpansionLimit + 1), taken); // the text and the HTML each read one past the limit
    }

    [Fact]
    public void Format_Cycle_IsCutAndNamed()
    {
        var text = Formatter.Format(Cycle()).Text;

        Assert.Equal("Node { Value = 1, Next = Node { Value = 2, Next = <cycle: Node> } }", text);
    }

    [Fact]
    public void Format_DeepNesting_StopsAtMaxDepth()
    {
        object value = 0;
        for (var i = 0; i < 50; i++)
        {
            value = new List<object> { value };
        }

        var bundle = Formatter.Format(value);

        Assert.Equal("[ [ [ List<Object> (1 items) ] ] ]", bundle.Text);
        Assert.Equal(Formatter.MaxDepth, bundle["text/html"].Split("<table>").Length - 1);
    }

    [Fact]
    public void Format_GetterThatThrows_ShowsANoteInItsPlace()
    {
        var bundle = Formatter.Format(new Throwing());

        Assert.Equal("Throwing { Fine = 1, Broken = <InvalidOperationException: no socket yet> }", bundle.Text);
        Assert.Contains("&lt;InvalidOperationException: no socket yet&gt;", bundle["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ToStringThatThrows_ShowsANote()
    {
        var bundle = Formatter.Format(new BadToString());

        Assert.Equal("<BadToString.ToString() failed: FormatException: cannot say>", bundle.Text);
    }

    [Fact]
    public void Format_SequenceThatThrows_FallsBackToItsTextAndANote()
    {
        var bundle = Formatter.Format(new BrokenSequence());

        Assert.StartsWith("NetworkingLessons.Notebooks.Tests.Display.FormatterTests+BrokenSequence\n(this BrokenSequence could not be formatted: InvalidOperationException: enumeration failed)", bundle.Text, StringComparison.Ordinal);
        Assert.Single(bundle);
    }

    [Fact]
    public void Format_NullMember_ShowsNull()
    {
        var bundle = Formatter.Format(new Server());

        Assert.Contains("Banner = <null>", bundle.Text, StringComparison.Ordinal);
        Assert.Contains("<i>&lt;null&gt;</i>", bundle["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Scalars_AreTextOnly()
    {
        Assert.Equal(["text/plain"], Formatter.Format(42).Keys);
        Assert.Equal(["text/plain"], Formatter.Format("hello").Keys);
        Assert.Equal(["text/plain"], Formatter.Format(System.Net.IPAddress.Loopback).Keys);
        Assert.Equal("127.0.0.1", Formatter.Format(System.Net.IPAddress.Loopback).Text);
    }

    [Fact]
    public void Format_TypeWithToMimeBundle_KeepsItsOwnRendering()
    {
        var bundle = Formatter.Format(new HtmlContent("<b>x</b>"));

        Assert.Equal("<b>x</b>", bundle["text/html"]);
    }

    [Theory]
    [InlineData("<b>bold</b>", "text/html", "<b>bold</b>")]
    [InlineData("# Title", "text/markdown", "# Title")]
    public void Format_StringAskedForAsAMimeType_IsThatContent(string value, string mime, string expected)
    {
        var bundle = Formatter.Format(value, mime);

        Assert.Equal(expected, bundle[mime]);
    }

    [Fact]
    public void Format_ObjectAskedForAsHtml_KeepsOnlyHtmlAndText()
    {
        var bundle = Formatter.Format(new Endpoint("a", 1), "text/html");

        Assert.Equal(["text/html", "text/plain"], bundle.Keys);
    }

    [PeerFact(Peer.Chromium)]
    public async Task Format_Tables_RenderInChromium()
    {
        var notebook = new Notebook(Values.Select(v => (Name: v.Key, Cell: NotebookCell.Code($"// {v.Key}"))).Select(v =>
        {
            v.Cell.Outputs.Add(new DisplayDataOutput(Formatter.Format(Values[v.Name]())));
            return v.Cell;
        }));
        using var temp = new TempFolder("formatter-chromium");
        var page = temp["tables.html"];
        File.WriteAllText(page, NotebookHtml.Render(notebook));

        var dom = await Chromium.DumpDomAsync(page, 1000);

        Assert.Contains("<th>Host</th><th>Port</th>", dom, StringComparison.Ordinal);
        Assert.Contains("<td>pool.ntp.org</td><td>123</td>", dom, StringComparison.Ordinal);
        Assert.Contains("… (999,980 more)", dom, StringComparison.Ordinal);
        Assert.True(dom.Split("<table>").Length > Values.Count, "every structured value renders a table");
        var png = temp["tables.png"];
        await Chromium.ScreenshotAsync(page, png, 1000, 3000);
        Assert.True(new FileInfo(png).Length > 10_000, "the page paints");
    }
}
