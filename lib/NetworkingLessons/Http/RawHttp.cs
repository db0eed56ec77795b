using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NetworkingLessons.Hosts;

namespace NetworkingLessons.Http;

/// <summary>
/// HTTP/1.1 by hand over a socket, as lesson 13 writes it: a GET request line, a Host header and
/// Connection: close, sent on a TCP connection (or on TLS over one, with SslStream), and the
/// response read by <see cref="HttpResponseReader"/>. Certificate validation is always on; a
/// server with a certificate of the lesson's own is trusted by naming its authority as the root.
/// </summary>
public static class RawHttp
{
    /// <summary>How long a request may take, connection and TLS handshake included, when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The request for <paramref name="path"/> on <paramref name="host"/>: "GET / HTTP/1.1", Host, Connection: close, each line ending in CRLF, and a blank line.</summary>
    /// <exception cref="ArgumentException">The host or path holds white space or control characters (which would let it add lines to the request), or the path does not start with '/'.</exception>
    public static string GetRequest(string host, string path = "/")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(path);
        if (host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '@'))
        {
            throw new ArgumentException($"The host \"{host}\" holds white space, a control character, '/' or '@'; a Host header is a name and an optional port.", nameof(host));
        }
        if (!path.StartsWith('/') || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"The path \"{path}\" must start with '/' and hold no white space or control characters (escape them as %20 and so on).", nameof(path));
        }
        return $"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
    }

    /// <summary>
    /// Sends <see cref="GetRequest"/> for <paramref name="path"/> on <paramref name="host"/> and reads the response.
    /// </summary>
    /// <param name="host">The server's name: looked up, sent in the Host header, and with TLS sent as SNI and checked against the certificate.</param>
    /// <param name="port">The server's port (80 for HTTP, 443 for HTTPS).</param>
    /// <param name="path">The path to ask for.</param>
    /// <param name="tls">True for HTTPS: TLS over the connection, validation on, the version the operating system chooses.</param>
    /// <param name="trustedRoot">With TLS, the one certificate authority to trust instead of the system's (a lesson's own); null for the system's roots.</param>
    /// <param name="address">Connect here instead of looking <paramref name="host"/> up (a local server under another name).</param>
    /// <param name="timeout">For the whole exchange; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="limits">Size limits on the response.</param>
    /// <param name="cancellationToken">Stops the exchange.</param>
    /// <exception cref="HttpFormatException">The response breaks the protocol or a limit.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The TLS handshake failed: an untrusted certificate, one for another name, or no common protocol.</exception>
    /// <exception cref="SocketException">The connection failed.</exception>
    /// <exception cref="TimeoutException">No whole response within the timeout.</exception>
    public static async Task<HttpExchange> GetAsync(string host, int port = 80, string path = "/", bool tls = false, X509Certificate2? trustedRoot = null,
        IPAddress? address = null, TimeSpan? timeout = null, HttpLimits? limits = null, CancellationToken cancellationToken = default)
    {
        Services.Ports.Validate(port);
        var request = GetRequest(host, path);
        var wait = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            var target = address ?? (await Resolver.LookupAsync(host, wait, deadline.Token)).Addresses.FirstOrDefault()
                ?? throw new HostLookupException(host, SocketError.NoData, $"'{host}' has no address.");
            using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(target, port), deadline.Token);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            await using var _ = stream;
            TlsSession? session = null;
            if (tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(ClientOptions(host, trustedRoot), deadline.Token);
                var certificate = ssl.RemoteCertificate as X509Certificate2;
                session = new TlsSession(host, ssl.SslProtocol, ssl.NegotiatedCipherSuite.ToString(),
                    certificate?.Subject ?? "", certificate?.Issuer ?? "", certificate?.NotAfter.ToUniversalTime() ?? default);
            }
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), deadline.Token);
            await stream.FlushAsync(deadline.Token);
            var response = await HttpResponseReader.ReadAsync(stream, limits: limits, cancellationToken: deadline.Token);
            return new HttpExchange(request, response, session);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No whole response from {host}:{port} within {wait.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>The client's TLS settings: SNI and name check for <paramref name="host"/>; with <paramref name="trustedRoot"/>, that authority as the only root.</summary>
    public static SslClientAuthenticationOptions ClientOptions(string host, X509Certificate2? trustedRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (trustedRoot is not null)
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck, // the lesson's own authority publishes no revocation list
                CustomTrustStore = { trustedRoot },
            };
        }
        return options;
    }
}
