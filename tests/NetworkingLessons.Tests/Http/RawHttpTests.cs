using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using NetworkingLessons.Http;
using NetworkingLessons.Sockets;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Http;

/// <summary>A GET by hand against real servers on loopback: the course's, Python's http.server and openssl s_server; TLS trusted, untrusted and for another name.</summary>
public sealed class RawHttpTests
{
    private static readonly Dictionary<string, string> Pages = new() { ["/"] = "<p>" + new string('x', 250) + "</p>\n", ["/a"] = "short\n" };

    private static Task<HttpExchange> Get(IPEndPoint server, string host = "localhost", string path = "/", bool tls = false, X509Certificate2? root = null) =>
        RawHttp.GetAsync(host, server.Port, path, tls, root, server.Address, TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData(HttpFraming.ContentLength)]
    [InlineData(HttpFraming.Chunked)]
    [InlineData(HttpFraming.UntilClose)]
    public async Task Get_ReadsEachFramingTheServerUses(HttpFraming framing)
    {
        await using var server = LocalHttpServer.Start(Pages, framing: framing);

        var exchange = await Get(server.EndPoint);

        Assert.Equal("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", exchange.Request);
        Assert.Equal(200, exchange.Response.Status);
        Assert.Equal(framing, exchange.Response.Framing);
        Assert.Equal(Pages["/"], exchange.Response.Text);
        Assert.Null(exchange.Tls);
    }

    [Fact]
    public async Task Get_AnUnknownPath_Is404()
    {
        await using var server = LocalHttpServer.Start(Pages);

        Assert.Equal(404, (await Get(server.EndPoint, path: "/nothing")).Response.Status);
    }

    [Fact]
    public async Task Get_ABrokenResponse_SaysWhatIsWrong()
    {
        await using var server = RawResponseServer.Start("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");

        var ex = await Assert.ThrowsAsync<HttpFormatException>(() => Get(server.EndPoint));

        Assert.StartsWith("Content-Length said 100 bytes, but the connection closed after 5: 95 missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ASilentServer_TimesOut()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => RawHttp.GetAsync("localhost", ((IPEndPoint)listener.LocalEndPoint!).Port, address: IPAddress.Loopback, timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal($"No whole response from localhost:{((IPEndPoint)listener.LocalEndPoint!).Port} within 0.3 s.", ex.Message);
    }

    [Theory]
    [InlineData("local host", "/")]
    [InlineData("localhost\r\nX-Evil: 1", "/")]
    [InlineData("user@host", "/")]
    [InlineData("localhost", "no-slash")]
    [InlineData("localhost", "/a b")]
    [InlineData("localhost", "/a\r\nX-Evil: 1")]
    public void GetRequest_RefusesWhatWouldAddLines(string host, string path)
    {
        var ex = Assert.Throws<ArgumentException>(() => RawHttp.GetRequest(host, path));

        Assert.StartsWith(path == "/" ? $"The host \"{host}\" holds white space, a control character, '/' or '@'" : $"The path \"{path}\" must start with '/'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetRequest_RefusesNoHostOrPath_AndOptionsNeedAHost()
    {
        Assert.ThrowsAny<ArgumentException>(() => RawHttp.GetRequest(" "));
        Assert.Throws<ArgumentNullException>(() => RawHttp.GetRequest("localhost", null!));
        Assert.ThrowsAny<ArgumentException>(() => RawHttp.ClientOptions(""));
        Assert.Equal("localhost", RawHttp.ClientOptions("localhost").TargetHost);
        Assert.Null(RawHttp.ClientOptions("localhost").CertificateChainPolicy);
    }

    [Fact]
    public async Task Get_BadPort_IsRefusedBeforeConnecting()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RawHttp.GetAsync("localhost", 70000, address: IPAddress.Loopback));

        Assert.Equal("port", ex.ParamName);
        Assert.StartsWith("Port 70000 is outside 0–65535", ex.Message, StringComparison.Ordinal); // the course's rule, not IPEndPoint's
    }

    [Fact]
    public async Task RawResponseServer_SendsItsBytesAndItsEnd_WithoutWaitingForTheClientToClose()
    {
        Assert.Throws<ArgumentNullException>(() => RawResponseServer.Start(null!));
        var server = RawResponseServer.Start("HTTP/1.1 204 No Content\r\n\r\n");
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5_000 };
        await client.ConnectAsync(server.EndPoint);

        Assert.Equal("HTTP/1.1 204 No Content\r\n\r\n", System.Text.Encoding.ASCII.GetString(SocketTransfer.ReceiveToEnd(client))); // the client never sent or closed

        await server.DisposeAsync();
        await server.DisposeAsync();
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Equal(SocketError.ConnectionRefused, (await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(server.EndPoint))).SocketErrorCode);
    }

    [Fact]
    public async Task Tls_WithTheLessonsAuthorityTrusted_Succeeds_AndSaysWhatWasNegotiated()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var certificate = CourseCertificates.Issue(authority, "localhost");
        await using var server = LocalHttpServer.Start(Pages, certificate);

        var exchange = await Get(server.EndPoint, tls: true, root: authority);

        Assert.Equal(Pages["/"], exchange.Response.Text);
        Assert.NotNull(exchange.Tls);
        Assert.Equal("CN=localhost", exchange.Tls.Subject);
        Assert.Equal(authority.Subject, exchange.Tls.Issuer);
        Assert.True(exchange.Tls.Protocol is SslProtocols.Tls12 or SslProtocols.Tls13, exchange.Tls.Protocol.ToString());
    }

    [Fact]
    public async Task Tls_WithTheSystemsRootsOnly_RefusesTheLessonsCertificate()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var certificate = CourseCertificates.Issue(authority, "localhost");
        await using var server = LocalHttpServer.Start(Pages, certificate);

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => Get(server.EndPoint, tls: true));

        Assert.Contains("errors in the certificate chain: PartialChain", ex.Message, StringComparison.Ordinal); // no chain to any root this client trusts
    }

    [Fact]
    public async Task Tls_ACertificateSignedByAnotherAuthority_IsRefused()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var stranger = CourseCertificates.CreateAuthority("Someone else's CA");
        using var certificate = CourseCertificates.Issue(stranger, "localhost");
        await using var server = LocalHttpServer.Start(Pages, certificate);

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => Get(server.EndPoint, tls: true, root: authority));

        Assert.Contains("errors in the certificate chain: PartialChain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_ACertificateForAnotherName_IsRefused()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var certificate = CourseCertificates.Issue(authority, "localhost");
        await using var server = LocalHttpServer.Start(Pages, certificate);

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => Get(server.EndPoint, host: "wrong.example", tls: true, root: authority));

        Assert.Contains("RemoteCertificateNameMismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_ACertificateForTheAddress_MatchesTheAddress()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var certificate = CourseCertificates.Issue(authority, "127.0.0.1");
        await using var server = LocalHttpServer.Start(Pages, certificate);

        Assert.Equal(200, (await Get(server.EndPoint, host: "127.0.0.1", tls: true, root: authority)).Response.Status);
    }

    [Fact]
    public void Issue_NeedsTheAuthoritysPrivateKey()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var publicOnly = X509CertificateLoader.LoadCertificate(authority.RawData);

        Assert.Throws<ArgumentException>(() => CourseCertificates.Issue(publicOnly, "localhost"));
    }

    [Fact]
    public void Start_RefusesACertificateWithoutItsKey_AndNoBodyFraming()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var publicOnly = X509CertificateLoader.LoadCertificate(authority.RawData);

        Assert.Throws<ArgumentException>(() => LocalHttpServer.Start(Pages, publicOnly));
        Assert.Throws<ArgumentException>(() => LocalHttpServer.Start(Pages, framing: HttpFraming.NoBody));
    }

    [PeerFact(Peer.Python)]
    public async Task Get_FromPythonsHttpServer()
    {
        using var folder = new TempFolder("python-http");
        File.WriteAllText(folder["notes.txt"], "served by Python\n");
        using var python = PeerProcess.Start("python3", "-c", """
            import functools, http.server, sys
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """, folder.Path);
        var port = int.Parse(await python.ReadLineAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var exchange = await Get(new IPEndPoint(IPAddress.Loopback, port), path: "/notes.txt");

        Assert.Equal(200, exchange.Response.Status);
        Assert.Equal("served by Python\n", exchange.Response.Text);
        Assert.StartsWith("SimpleHTTP", exchange.Response.Header("Server"), StringComparison.Ordinal);
    }

    [PeerFact(Peer.OpenSsl)]
    public async Task Tls_ToOpensslSServer_WithTheTestsOwnCertificate()
    {
        using var folder = new TempFolder("openssl");
        using var authority = CourseCertificates.CreateAuthority();
        using var certificate = CourseCertificates.Issue(authority, "localhost");
        File.WriteAllText(folder["cert.pem"], certificate.ExportCertificatePem());
        using (var key = certificate.GetECDsaPrivateKey()!)
        {
            File.WriteAllText(folder["key.pem"], key.ExportPkcs8PrivateKeyPem());
        }
        var port = FreePort();
        using var openssl = PeerProcess.Start(Peers.OpenSsl!, "s_server", "-accept", $"127.0.0.1:{port}", "-cert", folder["cert.pem"], "-key", folder["key.pem"], "-www", "-quiet");
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        await WaitUntilListeningAsync(endPoint);

        var exchange = await Get(endPoint, tls: true, root: authority);

        Assert.Equal(200, exchange.Response.Status);
        Assert.Contains("s_server", exchange.Response.Text, StringComparison.Ordinal);
        Assert.Equal("CN=localhost", exchange.Tls!.Subject);
        await Assert.ThrowsAsync<AuthenticationException>(() => Get(endPoint, tls: true));
    }

    [Fact]
    public async Task WebSites_Offline_AreTheCoursesOwn_OverHttpAndHttps()
    {
        var site = await WebSites.FindAsync();

        Assert.True(site.IsEmbedded);
        Assert.StartsWith("Using the course's own web servers on 127.0.0.1", site.Note, StringComparison.Ordinal);
        Assert.EndsWith(": offline.", site.ToString(), StringComparison.Ordinal);
        var plain = await RawHttp.GetAsync(site.Host, site.Port, address: site.Address);
        var secure = await RawHttp.GetAsync(site.Host, site.TlsPort, tls: true, trustedRoot: site.TrustedRoot, address: site.Address);
        Assert.Equal(WebSites.EmbeddedPage, plain.Response.Text);
        Assert.Equal(WebSites.EmbeddedPage, secure.Response.Text);
        Assert.Equal("CN=localhost", secure.Tls!.Subject);
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static async Task WaitUntilListeningAsync(IPEndPoint endPoint)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(endPoint);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
