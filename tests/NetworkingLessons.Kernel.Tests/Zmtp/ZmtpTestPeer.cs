using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Tests.Zmtp;

/// <summary>
/// The client end of a ZMTP connection for the tests: greeting, READY with a socket type and an
/// identity, then whole messages. Real libzmq peers (pyzmq, jupyter_client) check the same sockets
/// in the interop tests, so this one's agreement with the server is not the only evidence.
/// </summary>
internal sealed class ZmtpTestPeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly Stream _stream;

    private ZmtpTestPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public ZmtpGreeting ServerGreeting { get; private set; } = ZmtpGreeting.Ours;

    public IReadOnlyDictionary<string, byte[]> ServerProperties { get; private set; } = new Dictionary<string, byte[]>();

    public static async Task<ZmtpTestPeer> ConnectAsync(IPEndPoint server, string socketType, string identity = "", byte minor = 1)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server);
        var peer = new ZmtpTestPeer(client);
        var greeting = new ZmtpGreeting(3, minor, "NULL", false).ToBytes();
        await peer._stream.WriteAsync(greeting);
        await peer.SendFrameAsync(ZmtpCommand.Ready([
            new(ZmtpCommand.SocketTypeProperty, Encoding.ASCII.GetBytes(socketType)),
            new(ZmtpCommand.IdentityProperty, Encoding.ASCII.GetBytes(identity)),
        ]).ToFrame());
        var theirs = new byte[ZmtpGreeting.Length];
        await peer._stream.ReadExactlyAsync(theirs).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        peer.ServerGreeting = ZmtpGreeting.Parse(theirs);
        var ready = await ZmtpFrame.ReadAsync(peer._stream, 1 << 20, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        peer.ServerProperties = ZmtpCommand.Parse(ready!.Value.Body).Properties();
        return peer;
    }

    public async Task SendFrameAsync(ZmtpFrame frame)
    {
        var bytes = new byte[frame.EncodedLength];
        frame.WriteTo(bytes);
        await _stream.WriteAsync(bytes);
    }

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    public Task SendAsync(params byte[][] parts) => _stream.WriteAsync(ZmtpFrame.EncodeMessage(parts)).AsTask();

    /// <summary>The next message, commands skipped (and returned in <paramref name="commands"/> if given).</summary>
    public async Task<List<byte[]>> ReceiveAsync(TimeSpan? timeout = null, List<ZmtpCommand>? commands = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var parts = new List<byte[]>();
        while (true)
        {
            var frame = await ZmtpFrame.ReadAsync(_stream, 1L << 30, cts.Token) ?? throw new EndOfStreamException("the server closed the connection");
            if (frame.IsCommand)
            {
                commands?.Add(ZmtpCommand.Parse(frame.Body));
                continue;
            }
            parts.Add(frame.Body);
            if (!frame.More)
            {
                return parts;
            }
        }
    }

    /// <summary>True when the server closes the connection within the timeout (reading and discarding anything before).</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer, cts.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
