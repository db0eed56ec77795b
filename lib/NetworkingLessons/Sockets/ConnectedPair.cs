using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Sockets;

/// <summary>
/// Two connected sockets on this machine, for trying the socket calls without writing a server
/// first: over TCP on loopback, or over a Unix domain socket (a file in the temp folder). Dispose
/// closes both (and the Unix socket's listener, whose closing deletes its file).
/// </summary>
public sealed class ConnectedPair : IDisposable
{
    private readonly Socket? _listener;

    private ConnectedPair(Socket client, Socket server, Socket? listener = null, string? path = null)
    {
        Client = client;
        Server = server;
        _listener = listener;
        Path = path;
    }

    /// <summary>The side that connected.</summary>
    public Socket Client { get; }

    /// <summary>The side that accepted.</summary>
    public Socket Server { get; }

    /// <summary>A TCP connection on loopback (IPv4, or IPv6 with <paramref name="ipv6"/>), through a listener that is closed once it has accepted.</summary>
    public static ConnectedPair Tcp(bool ipv6 = false)
    {
        var address = ipv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(1);
        var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        return new ConnectedPair(client, listener.Accept());
    }

    /// <summary>
    /// A Unix domain socket connection (Python's <c>socket.AF_UNIX</c>), through a file in the temp
    /// folder. The listener stays open until the pair is disposed: closing a bound Unix socket
    /// deletes its file, and the file is there to be seen while the pair lives.
    /// </summary>
    public static ConnectedPair Unix()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nl-{Guid.NewGuid():N}.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            return new ConnectedPair(client, listener.Accept(), listener, path);
        }
        catch
        {
            listener.Dispose(); // and with it the file
            throw;
        }
    }

    /// <summary>The socket file, for a Unix pair (still named after Dispose, when the file is gone); null for a TCP pair.</summary>
    public string? Path { get; }

    /// <summary>Closes both sockets, and a Unix pair's listener with its file.</summary>
    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        _listener?.Dispose();
    }
}
