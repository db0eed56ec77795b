using System.Globalization;
using System.Text;
using NetworkingLessons.Framing;

namespace NetworkingLessons.Http;

/// <summary>
/// Reads one HTTP/1.1 response from a stream (RFC 9112): the status line, the header fields, and
/// the body as the headers frame it (Content-Length, chunked, or until the server closes). Every
/// size is checked against <see cref="HttpLimits"/> before anything is allocated for it, and
/// every departure from the protocol is an <see cref="HttpFormatException"/> that says what and where.
/// </summary>
public static class HttpResponseReader
{
    /// <summary>Reads a response.</summary>
    /// <param name="stream">The connection (a NetworkStream, or an SslStream over one).</param>
    /// <param name="toHead">True when the request was HEAD: the response then has no body, whatever its headers say.</param>
    /// <param name="limits">Size limits; <see cref="HttpLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="HttpFormatException">The response breaks the protocol or a limit.</exception>
    public static async Task<HttpResponse> ReadAsync(Stream stream, bool toHead = false, HttpLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= HttpLimits.Default;
        var source = new Source(stream, cancellationToken);

        var statusLine = await source.ReadLineAsync(limits.MaxLineBytes, "status line")
            ?? throw new HttpFormatException("The server closed the connection without sending a status line", 0);
        var (version, status, reason) = ParseStatusLine(statusLine);

        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var at = source.Offset;
            var line = await source.ReadLineAsync(limits.MaxLineBytes, "header line")
                ?? throw new HttpFormatException("The connection closed in the middle of the headers", source.Offset);
            if (source.Offset > limits.MaxHeadBytes)
            {
                throw new HttpFormatException($"The status line and headers are over {limits.MaxHeadBytes:N0} bytes", at);
            }
            if (line.Length == 0)
            {
                break;
            }
            headers.Add(ParseHeader(line, at));
        }

        var framing = Framing(status, toHead, headers, source.Offset, out var contentLength);
        var body = framing switch
        {
            HttpFraming.NoBody => [],
            HttpFraming.ContentLength => await ReadSizedAsync(source, contentLength, limits),
            HttpFraming.Chunked => await ReadChunkedAsync(source, limits),
            _ => await source.ReadToEndAsync(limits.MaxBodyBytes),
        };
        return new HttpResponse(version, status, reason, headers, body, framing, source.Offset);
    }

    private static (string Version, int Status, string Reason) ParseStatusLine(string line)
    {
        // HTTP-version SP 3DIGIT SP [reason-phrase]
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || parts[0] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            throw new HttpFormatException($"No status line: the response begins \"{Printable(line, 40)}\", not \"HTTP/1.1 200 OK\"", 0);
        }
        if (parts[1].Length != 3 || !parts[1].All(char.IsAsciiDigit) || parts[1][0] is < '1' or > '5')
        {
            throw new HttpFormatException($"The status code \"{Printable(parts[1], 10)}\" is not three digits from 100 to 599", parts[0].Length + 1);
        }
        return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length == 3 ? parts[2] : "");
    }

    private static KeyValuePair<string, string> ParseHeader(string line, long at)
    {
        if (line[0] is ' ' or '\t')
        {
            throw new HttpFormatException("A header line starts with white space (obsolete line folding, which HTTP/1.1 no longer allows)", at);
        }
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new HttpFormatException($"The header line \"{Printable(line, 40)}\" has no name and colon", at);
        }
        var name = line[..colon];
        if (!name.All(IsTokenChar))
        {
            throw new HttpFormatException($"The header name \"{Printable(name, 40)}\" has characters a name may not have (white space before the colon?)", at);
        }
        return new(name, line[(colon + 1)..].Trim(' ', '\t'));
    }

    private static HttpFraming Framing(int status, bool toHead, List<KeyValuePair<string, string>> headers, long at, out long contentLength)
    {
        contentLength = 0;
        if (toHead || status is < 200 or 204 or 304)
        {
            return HttpFraming.NoBody;
        }
        var transfer = headers.Where(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        if (transfer.Count > 0)
        {
            // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3); chunked must be the last coding.
            var last = string.Join(',', transfer).Split(',').Select(c => c.Trim()).Last();
            return last.Equals("chunked", StringComparison.OrdinalIgnoreCase) ? HttpFraming.Chunked : HttpFraming.UntilClose;
        }
        var lengths = headers.Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Split(',')).Select(v => v.Trim()).Distinct().ToList();
        if (lengths.Count == 0)
        {
            return HttpFraming.UntilClose;
        }
        if (lengths.Count > 1)
        {
            throw new HttpFormatException($"The response gives different Content-Lengths: {string.Join(", ", lengths)}", at);
        }
        if (lengths[0].Length is 0 or > 18 || !lengths[0].All(char.IsAsciiDigit))
        {
            throw new HttpFormatException($"Content-Length \"{Printable(lengths[0], 30)}\" is not a number of bytes", at);
        }
        contentLength = long.Parse(lengths[0], CultureInfo.InvariantCulture);
        return HttpFraming.ContentLength;
    }

    private static async Task<byte[]> ReadSizedAsync(Source source, long length, HttpLimits limits)
    {
        if (length > limits.MaxBodyBytes)
        {
            throw new HttpFormatException($"Content-Length {length:N0} is over the {limits.MaxBodyBytes:N0}-byte limit on a body", source.Offset);
        }
        var body = new byte[length];
        var got = await source.ReadAsync(body);
        return got == length ? body
            : throw new HttpFormatException($"Content-Length said {length:N0} bytes, but the connection closed after {got:N0}: {length - got:N0} missing", source.Offset);
    }

    private static async Task<byte[]> ReadChunkedAsync(Source source, HttpLimits limits)
    {
        var body = new MemoryStream();
        while (true)
        {
            var at = source.Offset;
            var line = await source.ReadLineAsync(limits.MaxLineBytes, "chunk size line")
                ?? throw new HttpFormatException("The connection closed where a chunk size was due", at);
            var hex = line.Split(';', 2)[0].Trim(' ', '\t'); // chunk extensions after ';' are ignored
            if (hex.Length is 0 or > 15 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new HttpFormatException($"The chunk size \"{Printable(hex, 20)}\" is not a hexadecimal number", at);
            }
            var size = long.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }
            if (body.Length + size > limits.MaxBodyBytes)
            {
                throw new HttpFormatException($"The chunks add up to more than the {limits.MaxBodyBytes:N0}-byte limit on a body", at);
            }
            var chunk = new byte[size];
            var got = await source.ReadAsync(chunk);
            if (got < size)
            {
                throw new HttpFormatException($"A chunk of {size:N0} bytes stopped after {got:N0}: the connection closed", source.Offset);
            }
            body.Write(chunk);
            var end = source.Offset;
            if (await source.ReadLineAsync(limits.MaxLineBytes, "line ending a chunk") is not "")
            {
                throw new HttpFormatException($"A chunk of {size:N0} bytes is not followed by CRLF: its size is wrong", end);
            }
        }
        while (await source.ReadLineAsync(limits.MaxLineBytes, "trailer line") is { Length: > 0 })
        {
            // trailer fields: read and dropped
        }
        return body.ToArray();
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static string Printable(string text, int max)
    {
        var shown = new string([.. text.Take(max).Select(c => char.IsControl(c) ? '·' : c)]);
        return text.Length > max ? shown + "…" : shown;
    }

    // The response's lines and bodies, read through the framers' buffered reader (which counts
    // every byte taken, for the offsets in the errors).
    private sealed class Source(Stream stream, CancellationToken cancellationToken)
    {
        private readonly FrameReader _reader = new(stream, idleTimeout: null, cancellationToken);

        public long Offset => _reader.Position;

        // A line without its CRLF (or bare LF); null when the stream ends before any byte of it.
        public async Task<string?> ReadLineAsync(int maxBytes, string what)
        {
            var line = new List<byte>();
            var at = Offset;
            while (true)
            {
                var b = await _reader.ReadByteAsync();
                if (b < 0)
                {
                    return line.Count == 0 ? null
                        : throw new HttpFormatException($"The connection closed in the middle of a {what}", Offset);
                }
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r')
                    {
                        line.RemoveAt(line.Count - 1);
                    }
                    return Encoding.Latin1.GetString([.. line]);
                }
                if (line.Count > maxBytes || line.Count == maxBytes && b != '\r') // the limit does not count the CRLF
                {
                    throw new HttpFormatException($"A {what} is over {maxBytes:N0} bytes", at);
                }
                line.Add((byte)b);
            }
        }

        // Fills `into`; how many bytes it got (less only at the end of the stream).
        public Task<int> ReadAsync(Memory<byte> into) => _reader.ReadExactlyAsync(into);

        public async Task<byte[]> ReadToEndAsync(int maxBytes)
        {
            var start = Offset;
            var body = new MemoryStream();
            var buffer = new byte[8192];
            while (true)
            {
                var room = (int)Math.Min(buffer.Length, maxBytes + 1L - body.Length);
                var n = await _reader.ReadExactlyAsync(buffer.AsMemory(0, room));
                if (body.Length + n > maxBytes)
                {
                    throw new HttpFormatException($"The body is over the {maxBytes:N0}-byte limit", start + maxBytes);
                }
                body.Write(buffer, 0, n);
                if (n < room)
                {
                    return body.ToArray();
                }
            }
        }
    }
}
