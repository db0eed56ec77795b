using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NetworkingLessons.Http;

/// <summary>
/// A small HTTP/1.1 server on loopback for the lessons that speak HTTP by hand: it reads one
/// request per connection (request line and headers, at most 8 KiB), answers from its pages, and
/// closes. Unknown paths get 404. It frames its bodies by Content-Length, in chunks, or by closing,
/// as asked, and with a certificate it speaks TLS. It keeps serving when a client sends garbage or
/// goes away, and stops cleanly when disposed.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private const int MaxRequestHead = 8 * 1024;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly Dictionary<string, string> _pages;
    private readonly X509Certificate2? _certificate;
    private readonly HttpFraming _framing;
    private int _requests;

    private LocalHttpServer(IReadOnlyDictionary<string, string> pages, X509Certificate2? certificate, HttpFraming framing)
    {
        _pages = new Dictionary<string, string>(pages, StringComparer.Ordinal);
        _certificate = certificate;
        _framing = framing;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!; // kept, so that it can be read after the server stops
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The size of each chunk when bodies are sent chunked.</summary>
    public const int ChunkSize = 100;

    /// <summary>Starts a server with <paramref name="pages"/> (path to body); "/" says hello when none is given.</summary>
    /// <param name="pages">Path to body.</param>
    /// <param name="certificate">With a certificate (and its private key), the server speaks TLS and presents it.</param>
    /// <param name="framing">How bodies are framed: <see cref="HttpFraming.ContentLength"/>, <see cref="HttpFraming.Chunked"/> (in chunks of <see cref="ChunkSize"/> bytes) or <see cref="HttpFraming.UntilClose"/>.</param>
    /// <exception cref="ArgumentException">The framing is <see cref="HttpFraming.NoBody"/>, or the certificate has no private key.</exception>
    public static LocalHttpServer Start(IReadOnlyDictionary<string, string>? pages = null, X509Certificate2? certificate = null, HttpFraming framing = HttpFraming.ContentLength)
    {
        if (framing is HttpFraming.NoBody || !Enum.IsDefined(framing))
        {
            throw new ArgumentException($"A server frames its bodies by ContentLength, Chunked or UntilClose, not {framing}.", nameof(framing));
        }
        if (certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("A TLS server needs its certificate's private key.", nameof(certificate));
        }
        return new(pages ?? new Dictionary<string, string> { ["/"] = "<html><body><h1>Hello from the course's HTTP server</h1></body></html>\n" }, certificate, framing);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>How many requests it has answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(Socket client)
    {
        using (client)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                deadline.CancelAfter(TimeSpan.FromSeconds(10));
                Stream stream = new NetworkStream(client, ownsSocket: false);
                if (_certificate is not null)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = ssl;
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, deadline.Token);
                }
                await using (stream)
                {
                    var head = await ReadHeadAsync(stream, deadline.Token);
                    var parts = head?.Split('\n')[0].TrimEnd('\r').Split(' ');
                    var (status, body) = parts is [var method, var path, var version] && version.StartsWith("HTTP/", StringComparison.Ordinal)
                        ? method is "GET" or "HEAD"
                            ? _pages.TryGetValue(path, out var page) ? ("200 OK", page) : ("404 Not Found", $"<html><body>No page at {WebUtility.HtmlEncode(path)}</body></html>\n")
                            : ("405 Method Not Allowed", "Only GET and HEAD.\n")
                        : ("400 Bad Request", "That was not an HTTP request line.\n");
                    var bytes = Encoding.UTF8.GetBytes(body);
                    var framing = _framing switch
                    {
                        HttpFraming.ContentLength => $"Content-Length: {bytes.Length}\r\n",
                        HttpFraming.Chunked => "Transfer-Encoding: chunked\r\n",
                        _ => "",
                    };
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n{framing}Connection: close\r\n\r\n"), deadline.Token);
                    if (parts is not ["HEAD", ..])
                    {
                        await stream.WriteAsync(_framing == HttpFraming.Chunked ? Chunked(bytes) : bytes, deadline.Token);
                    }
                    await stream.FlushAsync(deadline.Token);
                    Interlocked.Increment(ref _requests);
                    if (stream is SslStream tls)
                    {
                        await tls.ShutdownAsync(); // TLS's own close_notify, then TCP's FIN
                    }
                    client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException
                or System.Security.Authentication.AuthenticationException)
            {
                // The client went away, was too slow, or failed the handshake: its connection only.
            }
        }
    }

    private static byte[] Chunked(byte[] body)
    {
        var output = new MemoryStream();
        for (var at = 0; at < body.Length; at += ChunkSize)
        {
            var size = Math.Min(ChunkSize, body.Length - at);
            output.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            output.Write(body, at, size);
            output.Write("\r\n"u8);
        }
        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    // The request line and headers, up to the blank line; null when the client closes or sends too much first.
    private static async Task<string?> ReadHeadAsync(Stream client, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var buffer = new byte[1024];
        while (head.Count < MaxRequestHead)
        {
            var n = await client.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                return null;
            }
            head.AddRange(buffer.AsSpan(0, n));
            var text = Encoding.ASCII.GetString([.. head]);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal))
            {
                return text;
            }
        }
        return null;
    }

    /// <summary>Stops accepting and waits for the server's loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _serving.ConfigureAwait(false);
        _stop.Dispose();
    }
}
