using System.Text;

namespace NetworkingLessons.Http;

/// <summary>An HTTP/1.1 response as read off a connection.</summary>
/// <param name="Version">"HTTP/1.1" or "HTTP/1.0".</param>
/// <param name="Status">The status code: 200, 404, …</param>
/// <param name="Reason">The words after it: "OK", "Not Found".</param>
/// <param name="Headers">The header fields in the order they came, names as the server wrote them.</param>
/// <param name="Body">The body, with any chunked coding removed.</param>
/// <param name="Framing">How the response said where its body ends.</param>
/// <param name="WireBytes">How many bytes the whole response took on the connection.</param>
public sealed record HttpResponse(string Version, int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, HttpFraming Framing, long WireBytes)
{
    /// <summary>The value of the first header called <paramref name="name"/>, whatever its case; null when there is none.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found ? found.Value : null;

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>For a notebook: the status line, the headers, and the start of the body as text.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle()
    {
        var text = new StringBuilder().Append(Version).Append(' ').Append(Status).Append(' ').Append(Reason).Append('\n');
        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").Append(value).Append('\n');
        }
        var body = Text;
        text.Append('\n').Append(body.Length > 600 ? body[..600] + $"… ({Body.Length:N0} bytes in all)" : body);
        return new Dictionary<string, string> { ["text/plain"] = text.ToString() };
    }

    /// <summary>"HTTP/1.1 200 OK: 1,256 bytes of body by Content-Length".</summary>
    public override string ToString() => $"{Version} {Status} {Reason}: {Body.Length:N0} bytes of body {Framing switch
    {
        HttpFraming.NoBody => "(none allowed)",
        HttpFraming.ContentLength => "by Content-Length",
        HttpFraming.Chunked => "in chunks",
        _ => "until the server closed",
    }}";
}
