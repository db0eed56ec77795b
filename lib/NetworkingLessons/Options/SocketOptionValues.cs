using System.Net.Sockets;

namespace NetworkingLessons.Options;

/// <summary>
/// A socket's options as the system reports them (<c>getsockopt</c>), by their C names: buffers,
/// Nagle, address reuse (the kernel's two flags, each as it is), keepalive and its timers, linger. <see cref="Compare"/> shows a change
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
            new("SO_REUSEADDR", "SOL_SOCKET", Read(() => KernelFlag(socket, Reuse.Address))),
            new("SO_REUSEPORT", "SOL_SOCKET", Read(() => KernelFlag(socket, Reuse.Port))),
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

    private enum Reuse
    {
        Address,
        Port,
    }

    // The kernel's SO_REUSEADDR and SO_REUSEPORT, each read as it is: .NET's ReuseAddress sets both
    // together on Linux and macOS, and reading it back reports only one of them.
    private static object KernelFlag(Socket socket, Reuse which)
    {
        (int Level, int Address, int Port)? names = OperatingSystem.IsLinux() ? (1, 2, 15)
            : OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? (0xFFFF, 0x4, 0x200)
            : null;
        if (names is not { } n)
        {
            return which == Reuse.Address
                ? Flag(socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress))
                : "not on this system";
        }
        var value = new byte[sizeof(int)];
        socket.GetRawSocketOption(n.Level, which == Reuse.Address ? n.Address : n.Port, value);
        return BitConverter.ToInt32(value) != 0;
    }

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
