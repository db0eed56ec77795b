using System.Text;
using NetworkingLessons.Http;

namespace NetworkingLessons.Tests.Http;

/// <summary>Every response shape reads whole, and every bad response is refused with what and where, however the bytes arrive.</summary>
public sealed class HttpResponseReaderTests
{
    private static Task<HttpResponse> Read(string response, bool toHead = false, HttpLimits? limits = null, int chunk = int.MaxValue) =>
        HttpResponseReader.ReadAsync(new TrickleStream(Encoding.Latin1.GetBytes(response), chunk), toHead, limits);

    // A stream that hands out at most `chunk` bytes per read, as a network may.
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task ContentLength_ReadsThatManyBytes_AtAnyChunkSize(int chunk)
    {
        var response = await Read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello, and more", chunk: chunk);

        Assert.Equal(("HTTP/1.1", 200, "OK"), (response.Version, response.Status, response.Reason));
        Assert.Equal("hello", response.Text);
        Assert.Equal(HttpFraming.ContentLength, response.Framing);
        Assert.Equal("text/plain", response.Header("content-type"));
        Assert.Equal(69, response.WireBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Chunked_JoinsTheChunks_IgnoringExtensionsAndTrailers(int chunk)
    {
        var response = await Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1A;note=x\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: yes\r\n\r\n", chunk: chunk);

        Assert.Equal("helloabcdefghijklmnopqrstuvwxyz", response.Text);
        Assert.Equal(HttpFraming.Chunked, response.Framing);
    }

    [Fact]
    public async Task NeitherHeader_ReadsUntilTheServerCloses()
    {
        var response = await Read("HTTP/1.0 200 OK\r\n\r\nall of this\nuntil the end");

        Assert.Equal("all of this\nuntil the end", response.Text);
        Assert.Equal(HttpFraming.UntilClose, response.Framing);
    }

    [Theory]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", false)]
    [InlineData("HTTP/1.1 304 Not Modified\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", true)]
    public async Task NoBodyAllowed_ReadsNone(string head, bool toHead)
    {
        var response = await Read(head, toHead);

        Assert.Empty(response.Body);
        Assert.Equal(HttpFraming.NoBody, response.Framing);
    }

    [Fact]
    public async Task TransferEncoding_WinsOverContentLength()
    {
        var response = await Read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");

        Assert.Equal("abc", response.Text);
    }

    [Fact]
    public async Task BareLineFeeds_AreAccepted()
    {
        Assert.Equal("ok", (await Read("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")).Text);
    }

    [Fact]
    public async Task ARepeatedEqualContentLength_IsOneLength()
    {
        Assert.Equal("ab", (await Read("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nab")).Text);
    }

    [Fact]
    public async Task AStatusLineWithoutReason_HasAnEmptyReason()
    {
        Assert.Equal("", (await Read("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")).Reason);
    }

    [Theory]
    [InlineData("", "The server closed the connection without sending a status line (at byte 0 of the response)")]
    [InlineData("<html>hello</html>\r\n", "No status line: the response begins \"<html>hello</html>\", not \"HTTP/1.1 200 OK\" (at byte 0 of the response)")]
    [InlineData("HTTP/2 200 OK\r\n\r\n", "No status line: the response begins \"HTTP/2 200 OK\", not \"HTTP/1.1 200 OK\" (at byte 0 of the response)")]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n", "The status code \"20\" is not three digits from 100 to 599 (at byte 9 of the response)")]
    [InlineData("HTTP/1.1 999 Odd\r\n\r\n", "The status code \"999\" is not three digits from 100 to 599 (at byte 9 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n", "The connection closed in the middle of the headers (at byte 37 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "The header line \"No colon here\" has no name and colon (at byte 17 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "The header name \"Bad Name\" has characters a name may not have (white space before the colon?) (at byte 17 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n", "A header line starts with white space (obsolete line folding, which HTTP/1.1 no longer allows) (at byte 23 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length \"-1\" is not a number of bytes (at byte 39 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n", "Content-Length \"1e3\" is not a number of bytes (at byte 40 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "The response gives different Content-Lengths: 3, 4 (at byte 57 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this", "Content-Length said 1,000 bytes, but the connection closed after 9: 991 missing (at byte 50 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n", "The chunk size \"zz\" is not a hexadecimal number (at byte 47 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "The chunk size \"\" is not a hexadecimal number (at byte 47 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n", "The chunk size \"-5\" is not a hexadecimal number (at byte 47 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "A chunk of 2 bytes is not followed by CRLF: its size is wrong (at byte 52 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n", "A chunk of 2 bytes is not followed by CRLF: its size is wrong (at byte 52 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", "A chunk of 16 bytes stopped after 3: the connection closed (at byte 54 of the response)")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", "The connection closed where a chunk size was due (at byte 55 of the response)")]
    public async Task ABadResponse_IsRefused_SayingWhatAndWhere(string response, string message)
    {
        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read(response));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task ALineOverTheLimit_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read($"HTTP/1.1 200 OK\r\nX-Big: {new string('a', 9000)}\r\n\r\n"));

        Assert.Equal("A header line is over 8,192 bytes (at byte 17 of the response)", ex.Message);
        Assert.Equal(17, ex.Offset);
    }

    [Fact]
    public async Task HeadersOverTheLimit_AreRefused()
    {
        var many = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: {new string('v', 100)}\r\n"));

        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read($"HTTP/1.1 200 OK\r\n{many}\r\n", limits: new HttpLimits { MaxHeadBytes = 5000 }));

        Assert.StartsWith("The status line and headers are over 5,000 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n", "Content-Length 101 is over the 100-byte limit on a body")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 999999999999999999\r\n\r\n", "Content-Length 999,999,999,999,999,999 is over the 100-byte limit on a body")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n", "The chunks add up to more than the 100-byte limit on a body")]
    public async Task ABodyOverTheLimit_IsRefusedBeforeItIsRead(string head, string message)
    {
        var body = new string('x', 200);

        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read(head + (head.Contains("chunked", StringComparison.Ordinal) ? body[..100] + "\r\n1\r\nx\r\n0\r\n\r\n" : body), limits: new HttpLimits { MaxBodyBytes = 100 }));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedBodyOverTheLimit_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\n\r\n" + new string('x', 101), limits: new HttpLimits { MaxBodyBytes = 100 }));

        Assert.StartsWith("The body is over the 100-byte limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStream_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => HttpResponseReader.ReadAsync(null!));
    }

    [Theory]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n", 100)]
    [InlineData("HTTP/1.1 199 Odd\r\n\r\n", 199)]
    [InlineData("HTTP/1.1 599 Last\r\nContent-Length: 0\r\n\r\n", 599)]
    [InlineData("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 503)]
    public async Task StatusCodes_FromOneHundredTo599_AreAccepted(string response, int status)
    {
        Assert.Equal(status, (await Read(response)).Status);
    }

    [Theory]
    [InlineData("099")]
    [InlineData("600")]
    [InlineData("2x0")]
    [InlineData("20")]
    public async Task StatusCodes_OutsideThreeDigitsFrom100To599_AreRefused(string code)
    {
        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read($"HTTP/1.1 {code} X\r\n\r\n"));

        Assert.Equal($"The status code \"{code}\" is not three digits from 100 to 599 (at byte 9 of the response)", ex.Message);
    }

    [Fact]
    public async Task AHeaderLineStartingWithItsColon_HasNoName()
    {
        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\n: value\r\n\r\n"));

        Assert.Equal("The header line \": value\" has no name and colon (at byte 17 of the response)", ex.Message);
    }

    [Fact]
    public async Task A201_HasItsBody()
    {
        Assert.Equal("made", (await Read("HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\nmade")).Text);
    }

    [Theory]
    [InlineData("gzip, chunked", HttpFraming.Chunked)]
    [InlineData("chunked, gzip", HttpFraming.UntilClose)]
    public async Task TransferEncoding_IsChunkedOnlyWhenChunkedIsTheLastCoding(string codings, HttpFraming framing)
    {
        var body = framing == HttpFraming.Chunked ? "1\r\nx\r\n0\r\n\r\n" : "x";

        var response = await Read($"HTTP/1.1 200 OK\r\nTransfer-Encoding: {codings}\r\n\r\n{body}");

        Assert.Equal(framing, response.Framing);
        Assert.Equal("x", response.Text);
    }

    [Fact]
    public async Task EachLimit_AllowsExactlyItsSize()
    {
        const string head = "HTTP/1.1 200 OK\r\n\r\n"; // 19 bytes
        var exact = new HttpLimits { MaxLineBytes = 15, MaxHeadBytes = 19, MaxBodyBytes = 10 };

        Assert.Equal(10, (await Read(head + new string('x', 10), limits: exact)).Body.Length);
        Assert.Equal(10, (await Read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n" + new string('x', 10), limits: exact with { MaxLineBytes = 100, MaxHeadBytes = 100 })).Body.Length);
        Assert.Equal(10, (await Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nxxxxx\r\n5\r\nxxxxx\r\n0\r\n\r\n", limits: exact with { MaxLineBytes = 100, MaxHeadBytes = 100 })).Body.Length);

        var line = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OKx\r\n\r\n", limits: exact));
        Assert.Equal("A status line is over 15 bytes (at byte 0 of the response)", line.Message);
        var whole = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\nA: b\r\n\r\n", limits: exact));
        Assert.StartsWith("The status line and headers are over 19 bytes", whole.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyReadUntilClose_PastItsReadSize_AndOverTheLimit_SaysWhere()
    {
        // 8,192 bytes is one read: a body of exactly that and a longer one come whole.
        Assert.Equal(8_192, (await Read("HTTP/1.1 200 OK\r\n\r\n" + new string('x', 8_192))).Body.Length);
        Assert.Equal(20_000, (await Read("HTTP/1.1 200 OK\r\n\r\n" + new string('x', 20_000))).Body.Length);

        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\n\r\n" + new string('x', 20_000), limits: new HttpLimits { MaxBodyBytes = 10_000 }));
        Assert.Equal("The body is over the 10,000-byte limit (at byte 10,019 of the response)", ex.Message);
    }

    [Fact]
    public async Task TheDefaultBodyLimit_Is16Mebibytes()
    {
        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\nContent-Length: 16777217\r\n\r\n"));

        Assert.StartsWith("Content-Length 16,777,217 is over the 16,777,216-byte limit on a body", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00000000000000a", true)] // 15 hexadecimal digits
    [InlineData("000000000000000a", false)]
    public async Task AChunkSize_HasAtMostFifteenDigits(string size, bool accepted)
    {
        var response = $"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{size}\r\n0123456789\r\n0\r\n\r\n";

        if (accepted)
        {
            Assert.Equal("0123456789", (await Read(response)).Text);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Read(response));
            Assert.Equal($"The chunk size \"{size}\" is not a hexadecimal number (at byte 47 of the response)", ex.Message);
        }
    }

    [Fact]
    public async Task Trailers_EndAtTheirBlankLine_LeavingWhatFollows()
    {
        const string first = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Trailer: 1\r\n\r\n";

        var response = await Read(first + "HTTP/1.1 200 OK\r\n\r\nthe next response");

        Assert.Equal(first.Length, response.WireBytes);
        var line = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trailer: " + new string('t', 200) + "\r\n\r\n", limits: new HttpLimits { MaxLineBytes = 100 }));
        Assert.StartsWith("A trailer line is over 100 bytes", line.Message, StringComparison.Ordinal);
        var size = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + new string('0', 200) + "\r\n", limits: new HttpLimits { MaxLineBytes = 100 }));
        Assert.StartsWith("A chunk size line is over 100 bytes", size.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANulByte_IsPartOfALine_AndAnEndMidLineIsReported()
    {
        var response = await Read("HTTP/1.1 200 OK\r\nX-Odd: a\0b\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal("a\0b", response.Header("X-Odd"));

        var cut = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\nX-Cut: hal"));
        Assert.Equal("The connection closed in the middle of a header line (at byte 27 of the response)", cut.Message);
    }

    [Fact]
    public async Task ABadValue_IsShownWithControlCharactersAsDots_AndCutWithAnEllipsis()
    {
        var control = await Assert.ThrowsAsync<HttpFormatException>(() => Read("HTTP/1.1 200 OK\r\nContent-Length: 1\u00012\r\n\r\n"));
        Assert.StartsWith("Content-Length \"1·2\" is not a number of bytes", control.Message, StringComparison.Ordinal);

        var exactly30 = new string('z', 30);
        var shown = await Assert.ThrowsAsync<HttpFormatException>(() => Read($"HTTP/1.1 200 OK\r\nContent-Length: {exactly30}\r\n\r\n"));
        Assert.StartsWith($"Content-Length \"{exactly30}\" is not", shown.Message, StringComparison.Ordinal);
        var cut = await Assert.ThrowsAsync<HttpFormatException>(() => Read($"HTTP/1.1 200 OK\r\nContent-Length: {exactly30}z\r\n\r\n"));
        Assert.StartsWith($"Content-Length \"{exactly30}…\" is not", cut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MimeBundle_ShowsTheHeadAndTheStartOfTheBody()
    {
        var response = new HttpResponse("HTTP/1.1", 200, "OK", [new("Content-Type", "text/plain")], Encoding.UTF8.GetBytes(new string('b', 700)), HttpFraming.ContentLength, 0);

        var text = response.ToMimeBundle()["text/plain"];

        Assert.StartsWith("HTTP/1.1 200 OK\nContent-Type: text/plain\n\nbbb", text, StringComparison.Ordinal);
        Assert.EndsWith("b… (700 bytes in all)", text, StringComparison.Ordinal);
        Assert.Equal("HTTP/1.1 404 Not Found\n\nshort", new HttpResponse("HTTP/1.1", 404, "Not Found", [], "short"u8.ToArray(), HttpFraming.ContentLength, 0).ToMimeBundle()["text/plain"]);
        Assert.EndsWith("\n\n" + new string('c', 600), new HttpResponse("HTTP/1.1", 200, "OK", [], Encoding.UTF8.GetBytes(new string('c', 600)), HttpFraming.ContentLength, 0).ToMimeBundle()["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SaysStatusSizeAndFraming()
    {
        Assert.Equal("HTTP/1.1 200 OK: 1,256 bytes of body in chunks", new HttpResponse("HTTP/1.1", 200, "OK", [], new byte[1256], HttpFraming.Chunked, 0).ToString());
        Assert.Equal("HTTP/1.1 304 Not Modified: 0 bytes of body (none allowed)", new HttpResponse("HTTP/1.1", 304, "Not Modified", [], [], HttpFraming.NoBody, 0).ToString());
        Assert.Equal("HTTP/1.1 200 OK: 5 bytes of body by Content-Length", new HttpResponse("HTTP/1.1", 200, "OK", [], new byte[5], HttpFraming.ContentLength, 0).ToString());
        Assert.Equal("HTTP/1.0 200 OK: 5 bytes of body until the server closed", new HttpResponse("HTTP/1.0", 200, "OK", [], new byte[5], HttpFraming.UntilClose, 0).ToString());
        Assert.Null(new HttpResponse("HTTP/1.1", 200, "OK", [], [], HttpFraming.NoBody, 0).Header("Server"));
    }
}
