using System.Net.Sockets;

namespace NetworkingLessons.Sockets;

/// <summary>
/// What Python's <c>sendall</c> does and <c>recv</c> does not: send every byte, and receive an
/// exact number of bytes, looping over calls that each move only part. A cancellation ends a
/// transfer in the middle by closing the socket (the stream's position is lost anyway).
/// </summary>
public static class SocketTransfer
{
    /// <summary>
    /// Sends every byte of <paramref name="data"/>, however many calls to <see cref="Socket.Send(ReadOnlySpan{byte})"/>
    /// it takes, waiting for room on a non-blocking socket; returns how many calls it took.
    /// </summary>
    /// <exception cref="SocketException">The connection failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (the socket is closed).</exception>
    public static int SendAll(Socket socket, ReadOnlySpan<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var stop = cancellationToken.Register(socket.Dispose);
        var calls = 0;
        try
        {
            for (var sent = 0; sent < data.Length;)
            {
                try
                {
                    sent += socket.Send(data[sent..]);
                    calls++;
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
                {
                    socket.Poll(100_000, SelectMode.SelectWrite); // room in the send buffer, or try again in 0.1 s
                }
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
        {
            throw new OperationCanceledException("The send was cancelled; the socket was closed to stop it.", ex, cancellationToken);
        }
        return calls;
    }

    /// <summary>Receives exactly <paramref name="count"/> bytes, however many calls it takes.</summary>
    /// <exception cref="EndOfStreamException">The peer closed first; the message says how many bytes were missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (the socket is closed).</exception>
    public static byte[] ReceiveExactly(Socket socket, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var buffer = new byte[count];
        using var stop = cancellationToken.Register(socket.Dispose);
        try
        {
            for (var received = 0; received < count;)
            {
                var n = socket.Receive(buffer.AsSpan(received));
                if (n == 0)
                {
                    throw new EndOfStreamException($"The peer closed the connection after {received} of {count} bytes: {count - received} never came.");
                }
                received += n;
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
        {
            throw new OperationCanceledException("The receive was cancelled; the socket was closed to stop it.", ex, cancellationToken);
        }
        return buffer;
    }

    /// <summary>Receives until the peer closes its side, and returns everything (at most <paramref name="limit"/> bytes).</summary>
    /// <exception cref="InvalidDataException">More than <paramref name="limit"/> bytes came.</exception>
    public static byte[] ReceiveToEnd(Socket socket, int limit = 1 << 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var stop = cancellationToken.Register(socket.Dispose);
        var all = new MemoryStream();
        var buffer = new byte[Math.Min(limit + 1, 64 * 1024)];
        try
        {
            int n;
            while ((n = socket.Receive(buffer)) > 0)
            {
                all.Write(buffer, 0, n);
                if (all.Length > limit)
                {
                    throw new InvalidDataException($"The peer sent more than {limit} bytes before closing.");
                }
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
        {
            throw new OperationCanceledException("The receive was cancelled; the socket was closed to stop it.", ex, cancellationToken);
        }
        return all.ToArray();
    }
}
