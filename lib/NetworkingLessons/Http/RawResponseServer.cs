using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetworkingLessons.Http;

/// <summary>
/// A server on loopback that answers every connection with the same bytes, whatever was asked,
/// and closes: for showing what a client makes of a response that is broken on purpose.
/// </summary>
public sealed class RawResponseServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly byte[] _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private RawResponseServer(byte[] response)
    {
        _response = response;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!; // kept, so that it can be read after the server stops
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Starts a server that sends <paramref name="response"/> (as Latin-1: one byte per character) to every client.</summary>
    public static RawResponseServer Start(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(Encoding.Latin1.GetBytes(response));
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

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
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await client.SendAsync(_response, _stop.Token);
                        client.Shutdown(SocketShutdown.Send);
                        // Read what the client sent until it closes, so that closing here sends a FIN, not a reset.
                        var sink = new byte[4096];
                        using var patience = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                        patience.CancelAfter(TimeSpan.FromSeconds(5));
                        while (await client.ReceiveAsync(sink, patience.Token) > 0)
                        {
                        }
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                        // that client only
                    }
                }
            });
        }
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        _listener.Dispose();
        await _serving;
        _stop.Dispose();
    }
}
