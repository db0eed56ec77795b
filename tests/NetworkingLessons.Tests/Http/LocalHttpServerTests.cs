using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Http;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Http;

public sealed class LocalHttpServerTests
{
    private static async Task<string> AskAsync(LocalHttpServer server, string request)
    {
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server.EndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes(request));
        client.Shutdown(SocketShutdown.Send);
        return Encoding.UTF8.GetString(SocketTransfer.ReceiveToEnd(client));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK")]
    [InlineData("GET /missing HTTP/1.1\r\n\r\n", "HTTP/1.1 404 Not Found")]
    [InlineData("POST / HTTP/1.1\r\n\r\n", "HTTP/1.1 405 Method Not Allowed")]
    [InlineData("hello there\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    public async Task Answer_EachKindOfRequest_GetsItsStatus(string request, string status)
    {
        await using var server = LocalHttpServer.Start();

        Assert.StartsWith(status + "\r\n", await AskAsync(server, request), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n", "<html><body><h1>Hello from the course's HTTP server</h1></body></html>\n")]
    [InlineData("DELETE / HTTP/1.1\r\n\r\n", "Only GET and HEAD.\n")]
    [InlineData("GET /\r\n\r\n", "That was not an HTTP request line.\n")]
    [InlineData("GET / FTP/1.0\r\n\r\n", "That was not an HTTP request line.\n")]
    public async Task EachAnswer_SaysWhatItIs_InItsBody(string request, string body)
    {
        await using var server = LocalHttpServer.Start();

        var answer = await AskAsync(server, request);

        Assert.EndsWith($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RefusesACertificateWithoutItsKey_SayingWhy()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(authority.RawData);

        var ex = Assert.Throws<ArgumentException>(() => LocalHttpServer.Start(certificate: publicOnly));

        Assert.Equal("certificate", ex.ParamName);
        Assert.StartsWith("A TLS server needs its certificate's private key.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_HasNoBody()
    {
        await using var server = LocalHttpServer.Start();

        Assert.EndsWith("\r\n\r\n", await AskAsync(server, "HEAD / HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientThatSendsGarbageOrLeaves_DoesNotStopTheServer()
    {
        await using var server = LocalHttpServer.Start();
        using (var rude = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await rude.ConnectAsync(server.EndPoint);
            await rude.SendAsync(new byte[20_000]);
        }

        Assert.StartsWith("HTTP/1.1 200 OK", await AskAsync(server, "GET / HTTP/1.0\r\n\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_CountsTheAnswersGiven()
    {
        await using var server = LocalHttpServer.Start();
        Assert.Equal(0, server.Requests);

        await AskAsync(server, "GET / HTTP/1.1\r\n\r\n");
        await AskAsync(server, "GET /missing HTTP/1.1\r\n\r\n");

        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task ARequestEndedByBareLineFeeds_IsAnsweredToo()
    {
        await using var server = LocalHttpServer.Start();

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", await AskAsync(server, "GET / HTTP/1.1\nHost: x\n\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNotFoundPage_EscapesThePathItShows()
    {
        await using var server = LocalHttpServer.Start();

        var answer = await AskAsync(server, "GET /<b>x</b> HTTP/1.1\r\n\r\n");

        Assert.Contains("No page at /&lt;b&gt;x&lt;/b&gt;", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeadThatNeverEnds_IsRefusedAtEightKibibytes_NotWaitedOn()
    {
        await using var server = LocalHttpServer.Start();
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5_000 };
        await client.ConnectAsync(server.EndPoint);

        await client.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX: " + new string('a', 9_000))); // no blank line, and the connection stays open

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Encoding.ASCII.GetString(SocketTransfer.ReceiveToEnd(client)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(250, "64 64 32")]
    [InlineData(200, "64 64")] // a last chunk of exactly 100 bytes, and no empty chunk before the end
    public async Task Chunked_CutsTheBodyIntoChunksOfAHundredBytes(int length, string sizes)
    {
        await using var server = LocalHttpServer.Start(new Dictionary<string, string> { ["/"] = new string('x', length) }, framing: HttpFraming.Chunked);

        var answer = await AskAsync(server, "GET / HTTP/1.1\r\n\r\n");

        var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var expected = string.Concat(sizes.Split(' ').Select(hex => $"{hex}\r\n{new string('x', Convert.ToInt32(hex, 16))}\r\n")) + "0\r\n\r\n";
        Assert.Equal(expected, body);
        Assert.Contains("Transfer-Encoding: chunked\r\n", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RefusesAFramingThatIsNotOne()
    {
        var ex = Assert.Throws<ArgumentException>(() => LocalHttpServer.Start(framing: (HttpFraming)99));

        Assert.Equal("framing", ex.ParamName);
        Assert.StartsWith("A server frames its bodies by ContentLength, Chunked or UntilClose, not 99.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_StopsListening()
    {
        var server = LocalHttpServer.Start();
        await server.DisposeAsync();

        using var late = new Socket(SocketType.Stream, ProtocolType.Tcp);
        Assert.Equal(SocketError.ConnectionRefused, (await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(server.EndPoint))).SocketErrorCode); // its end point still readable
    }
}
