using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Echo;

namespace NetworkingLessons.Concurrency;

/// <summary>
/// An echo server on one thread, as a <c>select.select</c> loop is written: each turn asks
/// <c>Socket.Select</c> which sockets are ready, accepts on the listener when it is readable,
/// reads from each readable client and writes what it can of the echo. The sockets are
/// non-blocking, so a client that does not read holds up nobody: its unsent echo waits, the
/// server stops reading from it until it is sent (backpressure), and the others are served.
/// Each turn costs time in proportion to the number of sockets, which is where this design slows.
/// </summary>
public sealed class SelectLoopServer : IEchoServer
{
    /// <summary>The most clients served at once; a client beyond that is closed at once.</summary>
    public const int MaxClients = 2000;

    private const int BufferSize = 16 * 1024;

    // How long a turn waits in Select: also how soon the loop notices it is being stopped.
    private const int TurnMicroseconds = 50_000;

    private readonly Socket _listener;
    private readonly Dictionary<Socket, Pending> _clients = [];
    private readonly Thread _loop;
    private volatile bool _stopping;
    private volatile int _connections;

    private SelectLoopServer(Socket listener)
    {
        _listener = listener;
        _listener.Blocking = false;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _loop = new Thread(Loop) { IsBackground = true, Name = "select loop" };
        _loop.Start();
    }

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static SelectLoopServer Start() => new(Listeners.Open());

    /// <inheritdoc/>
    public IPEndPoint EndPoint { get; }

    /// <inheritdoc/>
    public int Connections => _connections;

    // A client's echo not yet sent, if any.
    private sealed class Pending
    {
        public byte[] Buffer { get; } = new byte[BufferSize];

        public int Start { get; set; }

        public int End { get; set; }

        public bool Waiting => End > Start;
    }

    private void Loop()
    {
        try
        {
            while (!_stopping)
            {
                var readable = new List<Socket> { _listener };
                var writable = new List<Socket>();
                foreach (var (client, pending) in _clients)
                {
                    (pending.Waiting ? writable : readable).Add(client); // read again only once the echo is sent
                }
                Socket.Select(readable, writable, null, TurnMicroseconds);
                foreach (var socket in readable)
                {
                    if (socket == _listener)
                    {
                        AcceptAll();
                    }
                    else
                    {
                        Read(socket);
                    }
                }
                foreach (var socket in writable)
                {
                    Write(socket);
                }
            }
        }
        catch (ObjectDisposedException) when (_stopping)
        {
            // the listener was closed under the loop
        }
        finally
        {
            foreach (var client in _clients.Keys)
            {
                client.Dispose(); // a FIN to each client
            }
            _connections = 0;
        }
    }

    private void AcceptAll()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (SocketException)
            {
                return; // WouldBlock: none left; or one reset before it was accepted
            }
            if (_clients.Count >= MaxClients)
            {
                client.Dispose();
                continue;
            }
            client.Blocking = false;
            client.NoDelay = true;
            _clients[client] = new Pending();
            _connections = _clients.Count;
        }
    }

    private void Read(Socket client)
    {
        var pending = _clients[client];
        // This overload reports a socket error in `error` rather than throwing it.
        var n = client.Receive(pending.Buffer, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
        {
            return;
        }
        if (error != SocketError.Success || n == 0)
        {
            Drop(client); // a reset, or the client is done sending: closing says we are done too
            return;
        }
        pending.Start = 0;
        pending.End = n;
        Write(client);
    }

    private void Write(Socket client)
    {
        var pending = _clients[client];
        var sent = client.Send(pending.Buffer, pending.Start, pending.End - pending.Start, SocketFlags.None, out var error);
        if (error is SocketError.Success or SocketError.WouldBlock)
        {
            pending.Start += sent;
        }
        else
        {
            Drop(client);
        }
    }

    private void Drop(Socket client)
    {
        _clients.Remove(client);
        _connections = _clients.Count;
        client.Dispose();
    }

    /// <summary>Stops the loop and closes every connection.</summary>
    public ValueTask DisposeAsync()
    {
        _stopping = true; // a second call finds the loop ended and the listener closed: nothing more to do
        _loop.Join(TimeSpan.FromSeconds(10));
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>"select-loop echo server on 127.0.0.1:40000: 3 connections".</summary>
    public override string ToString() => $"select-loop echo server on {EndPoint}: {Connections} connections";
}
