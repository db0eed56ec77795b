using System.Net.Sockets;

namespace NetworkingLessons.Options;

/// <summary>
/// A socket's options as the system reports them (<c>getsockopt</c>), by their C names: buffers,
/// Nagle, address reuse, keepalive and its timers, linger. <see cref="Compare"/> shows a change
/// before and after, which is how one sees Linux double a buffer size.
/// </summary>
public static class SocketOptionValues
{
    /// <summary>One option: its C name and level, and its value.</summary>
    /// <param name="Option">SO_SNDBUF, TCP_NODELAY…</param>
    /// <param name="Level">SOL_SOCKET or IPPROTO_TCP.</param>
    /// <param name="Setting">The value read back.</param>
    public sealed record Value(string Option, string Level, string Setting);

    /// <summary>The options of <paramref name="socket"/>, read back from the system.</summary>
    public static IReadOnlyList<Value> Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var values = new List<Value>
        {
            new("SO_SNDBUF", "SOL_SOCKET", Read(() => socket.SendBufferSize)),
            new("SO_RCVBUF", "SOL_SOCKET", Read(() => socket.ReceiveBufferSize)),
            new("SO_REUSEADDR", "SOL_SOCKET", Read(() => Flag(socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress)))),
            new("SO_KEEPALIVE", "SOL_SOCKET", Read(() => Flag(socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)))),
            new("SO_LINGER", "SOL_SOCKET", Read(() => socket.LingerState is { } l ? $"{(l.Enabled ? "on" : "off")}, {l.LingerTime} s" : "off")),
        };
        if (socket.ProtocolType == ProtocolType.Tcp)
        {
            values.Add(new("TCP_NODELAY", "IPPROTO_TCP", Read(() => socket.NoDelay)));
            values.Add(new("TCP_KEEPIDLE", "IPPROTO_TCP", Read(() => $"{socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)} s")));
            values.Add(new("TCP_KEEPINTVL", "IPPROTO_TCP", Read(() => $"{socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)} s")));
            values.Add(new("TCP_KEEPCNT", "IPPROTO_TCP", Read(() => socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount))));
        }
        return values;
    }

    /// <summary>A table of the options of <paramref name="socket"/> before and after <paramref name="change"/>, marking what changed.</summary>
    public static Display.Table Compare(Socket socket, Action<Socket> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = Of(socket); // checks socket
        change(socket);
        var after = Of(socket);
        return Display.Table.Of(before.Zip(after, (b, a) => new
        {
            b.Option,
            b.Level,
            Before = b.Setting,
            After = a.Setting,
            Changed = a.Setting == b.Setting ? "" : "changed",
        }));
    }

    // getsockopt gives flags as numbers; nonzero is on.
    private static bool Flag(object? value) => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0;

    /// <summary>One option's value as text; an option the system does not have reads as "not available".</summary>
    internal static string Read(Func<object?> read)
    {
        try
        {
            return read() switch
            {
                bool b => b ? "1 (on)" : "0 (off)",
                var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        }
        catch (SocketException ex)
        {
            return $"not available ({ex.SocketErrorCode})";
        }
    }
}
