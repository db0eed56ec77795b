using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetworkingLessons.Http;

/// <summary>
/// A small HTTP/1.1 server on loopback for the lessons that speak HTTP by hand: it reads one
/// request per connection (request line and headers, at most 8 KiB), answers from its pages, and
/// closes. Unknown paths get 404. It keeps serving when a client sends garbage or goes away, and
/// stops cleanly when disposed.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private const int MaxRequestHead = 8 * 1024;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly Dictionary<string, string> _pages;
    private int _requests;

    private LocalHttpServer(IReadOnlyDictionary<string, string> pages)
    {
        _pages = new Dictionary<string, string>(pages, StringComparer.Ordinal);
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Starts a server with <paramref name="pages"/> (path to body); "/" says hello when none is given.</summary>
    public static LocalHttpServer Start(IReadOnlyDictionary<string, string>? pages = null) =>
        new(pages ?? new Dictionary<string, string> { ["/"] = "<html><body><h1>Hello from the course's HTTP server</h1></body></html>\n" });

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

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
                var head = await ReadHeadAsync(client, deadline.Token);
                var parts = head?.Split('\n')[0].TrimEnd('\r').Split(' ');
                var (status, body) = parts is [var method, var path, var version] && version.StartsWith("HTTP/", StringComparison.Ordinal)
                    ? method is "GET" or "HEAD"
                        ? _pages.TryGetValue(path, out var page) ? ("200 OK", page) : ("404 Not Found", $"<html><body>No page at {WebUtility.HtmlEncode(path)}</body></html>\n")
                        : ("405 Method Not Allowed", "Only GET and HEAD.\n")
                    : ("400 Bad Request", "That was not an HTTP request line.\n");
                var bytes = Encoding.UTF8.GetBytes(body);
                var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                await client.SendAsync(response, deadline.Token);
                if (parts is not ["HEAD", ..])
                {
                    await client.SendAsync(bytes, deadline.Token);
                }
                Interlocked.Increment(ref _requests);
                client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away or was too slow: its connection only.
            }
        }
    }

    // The request line and headers, up to the blank line; null when the client closes or sends too much first.
    private static async Task<string?> ReadHeadAsync(Socket client, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var buffer = new byte[1024];
        while (head.Count < MaxRequestHead)
        {
            var n = await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
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
