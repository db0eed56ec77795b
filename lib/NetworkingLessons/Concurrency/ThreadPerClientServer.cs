using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Echo;

namespace NetworkingLessons.Concurrency;

/// <summary>
/// The tutorials' threaded echo server in C#: one thread blocks in <c>Accept</c>, and each client
/// gets a thread of its own that blocks in <c>Receive</c> and <c>Send</c> until the client closes.
/// Simple to write and to read; each client costs a thread (its stack, its scheduling). Up to
/// <see cref="MaxClients"/> at once; a client beyond that is closed at once.
/// </summary>
public sealed class ThreadPerClientServer : IEchoServer
{
    /// <summary>The most clients (so threads) served at once.</summary>
    public const int MaxClients = 2000;

    private const int BufferSize = 16 * 1024;

    private readonly Socket _listener;
    private readonly ConcurrentDictionary<Socket, Thread> _clients = new();
    private readonly Thread _acceptor;
    private volatile bool _stopping;

    private ThreadPerClientServer(Socket listener)
    {
        _listener = listener;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "thread-per-client accept" };
        _acceptor.Start();
    }

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static ThreadPerClientServer Start() => new(Listeners.Open());

    /// <inheritdoc/>
    public IPEndPoint EndPoint { get; }

    /// <inheritdoc/>
    public int Connections => _clients.Count;

    private void Accept()
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (_stopping)
                {
                    return;
                }
                continue; // a connection reset before it was accepted
            }
            if (_clients.Count >= MaxClients)
            {
                client.Dispose();
                continue;
            }
            client.NoDelay = true;
            var thread = new Thread(() => Serve(client)) { IsBackground = true, Name = "thread-per-client echo" };
            _clients[client] = thread;
            thread.Start();
        }
    }

    private void Serve(Socket client)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (client.Receive(buffer) is var n and > 0)
            {
                client.Send(buffer, 0, n, SocketFlags.None); // a blocking Send returns once every byte is sent
            }
            // the client is done sending; closing below says we are done too
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // a reset, or the server stopping: this client only
        }
        finally
        {
            _clients.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <summary>Stops accepting, ends every client's connection, and waits for their threads.</summary>
    public ValueTask DisposeAsync()
    {
        _stopping = true; // a second call finds the listener closed and no clients left: nothing more to do
        _listener.Dispose();
        _acceptor.Join(TimeSpan.FromSeconds(10));
        foreach (var (client, _) in _clients)
        {
            Listeners.Hangup(client);
        }
        foreach (var (_, thread) in _clients)
        {
            thread.Join(TimeSpan.FromSeconds(10));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>"thread-per-client echo server on 127.0.0.1:40000: 3 connections".</summary>
    public override string ToString() => $"thread-per-client echo server on {EndPoint}: {Connections} connections";
}
