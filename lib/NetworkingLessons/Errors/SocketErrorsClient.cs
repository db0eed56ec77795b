using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Hosts;

namespace NetworkingLessons.Errors;

/// <summary>
/// The tutorials' <c>socket_errors.py</c> in C#: given a host, a port and a file, it creates a
/// socket, connects, sends <c>GET file HTTP/1.0</c> and prints the reply, with one try/catch per
/// step so that each failure is reported as what it is. The name is looked up first with the
/// course's <see cref="Resolver"/> (Python's <c>socket.gaierror</c> is its
/// <see cref="HostLookupException"/>), so an offline lesson sends no DNS query.
/// </summary>
public static class SocketErrorsClient
{
    /// <summary>Runs the client; returns what it printed, line by line, and how it ended.</summary>
    /// <param name="host">The server's name or address.</param>
    /// <param name="port">Its port.</param>
    /// <param name="file">The path to ask for.</param>
    /// <param name="timeout">How long each step may wait (the tutorial has none).</param>
    /// <param name="cancellationToken">Stops the client.</param>
    public static async Task<IReadOnlyList<string>> RunAsync(string host, int port, string file, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(file);
        var wait = timeout ?? TimeSpan.FromSeconds(5);
        var printed = new List<string>();
        Socket socket;
        try
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            printed.Add($"Error creating socket: {e.Message}");
            return printed;
        }
        using (socket)
        {
            try
            {
                Services.Ports.Validate(port);
                var entry = await Resolver.LookupAsync(host, wait, cancellationToken);
                var address = entry.IPv4.FirstOrDefault() ?? throw new HostLookupException(host, SocketError.NoData, $"'{host}' has no IPv4 address.");
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(wait);
                await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token);
            }
            catch (HostLookupException e)
            {
                printed.Add($"Address-related error connecting to server: {e.Message}");
                return printed;
            }
            catch (ArgumentOutOfRangeException e)
            {
                printed.Add($"Address-related error connecting to server: {e.Message.Split(" (Parameter")[0]}");
                return printed;
            }
            catch (SocketException e)
            {
                printed.Add($"Connection error: [Errno {SocketErrors.Explain(e).Number}] {e.Message}");
                return printed;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                printed.Add($"Connection error: timed out after {wait.TotalSeconds:0.#} s");
                return printed;
            }
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes($"GET {file} HTTP/1.0\r\n\r\n"), cancellationToken);
            }
            catch (SocketException e)
            {
                printed.Add($"Error sending data: {e.Message}");
                return printed;
            }
            socket.ReceiveTimeout = (int)wait.TotalMilliseconds;
            var reply = new StringBuilder();
            var buffer = new byte[2048];
            while (true)
            {
                int n;
                try
                {
                    n = socket.Receive(buffer);
                }
                catch (SocketException e)
                {
                    printed.Add($"Error receiving data: {e.Message}");
                    return printed;
                }
                if (n == 0)
                {
                    break;
                }
                reply.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            printed.AddRange(reply.ToString().Split('\n').Select(l => l.TrimEnd('\r')));
        }
        return printed;
    }
}
