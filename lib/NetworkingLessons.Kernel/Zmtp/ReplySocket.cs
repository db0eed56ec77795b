using System.Net;

namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>
/// A ZMTP REP (RFC 28) that answers each request on the connection it came from with what
/// the answer function makes of it, envelope and all: Jupyter's heartbeat echoes the frames unchanged.
/// </summary>
public sealed class ReplySocket : ZmtpSocket
{
    private readonly Func<List<byte[]>, List<byte[]>> _answer;

    /// <summary>Binds a REP to <paramref name="endpoint"/> and starts answering.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The address cannot be bound.</exception>
    public ReplySocket(IPEndPoint endpoint, Func<List<byte[]>, List<byte[]>> answer, ZmtpLimits? limits = null, Action<string>? log = null)
        : base(ZmtpSocketType.Reply, endpoint, limits, log)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _answer = answer;
        StartAccepting();
    }

    /// <inheritdoc />
    protected override void OnMessage(ZmtpConnection connection, List<byte[]> message) => connection.Send(_answer(message));
}
