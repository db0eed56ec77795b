using System.Collections.Frozen;
using System.Net.Sockets;

namespace NetworkingLessons.Errors;

/// <summary>
/// Explains any <see cref="SocketException"/>: .NET's <see cref="SocketError"/> name, the C errno
/// name and number on this system, the Python exception a reader may know, the likely cause and
/// what to try. Covers every value of <see cref="SocketError"/>.
/// </summary>
public static class SocketErrors
{
    // Per value: errno name, Linux number, macOS number, Python exception, cause, advice.
    private static readonly FrozenDictionary<SocketError, (string Errno, int? Linux, int? Mac, string Python, string Cause, string Advice)> Known =
        new Dictionary<SocketError, (string, int?, int?, string, string, string)>
        {
            [SocketError.Success] = ("", 0, 0, "(no exception)", "the call succeeded.", "nothing."),
            [SocketError.SocketError] = ("", null, null, "OSError", "an unspecified socket failure.", "read the exception's message and its NativeErrorCode."),
            [SocketError.Interrupted] = ("EINTR", 4, 4, "InterruptedError", "a signal interrupted a blocking call.", "call it again (Python 3.5 and .NET retry most calls themselves)."),
            [SocketError.AccessDenied] = ("EACCES", 13, 13, "PermissionError", "the system refused: a port below 1024 without privilege, or a broadcast without SO_BROADCAST.", "use a port from 1024 up, or run with the privilege (CAP_NET_BIND_SERVICE)."),
            [SocketError.Fault] = ("EFAULT", 14, 14, "OSError", "a bad address was passed to the system (a bug below the program).", "report it: managed code should never see this."),
            [SocketError.InvalidArgument] = ("EINVAL", 22, 22, "OSError", "an argument is not valid for this socket, or the socket is in the wrong state for the call (listen before bind, accept on a closed listener).", "check the order of the calls and the socket's state."),
            [SocketError.TooManyOpenSockets] = ("EMFILE", 24, 24, "OSError", "this process has no file descriptors left.", "close sockets you are done with; raise the limit (ulimit -n)."),
            [SocketError.WouldBlock] = ("EAGAIN", 11, 35, "BlockingIOError", "a non-blocking socket (or one whose timeout ran out on Windows) has nothing to do yet.", "wait until it is ready (Poll, Select, or an async call), then try again."),
            [SocketError.InProgress] = ("EINPROGRESS", 115, 36, "BlockingIOError", "a non-blocking connect has started and is not finished.", "wait for the socket to become writable, then check SO_ERROR."),
            [SocketError.AlreadyInProgress] = ("EALREADY", 114, 37, "BlockingIOError", "a non-blocking connect is still going on.", "wait for the first one to finish."),
            [SocketError.NotSocket] = ("ENOTSOCK", 88, 38, "OSError", "the handle is not a socket.", "check that the socket was not closed and its handle reused."),
            [SocketError.DestinationAddressRequired] = ("EDESTADDRREQ", 89, 39, "OSError", "a send on an unconnected datagram socket named no destination.", "use SendTo, or Connect the socket first."),
            [SocketError.MessageSize] = ("EMSGSIZE", 90, 40, "OSError", "the datagram is larger than the protocol allows (65,507 bytes of UDP over IPv4) or than the receive buffer.", "send smaller datagrams, or a stream."),
            [SocketError.ProtocolType] = ("EPROTOTYPE", 91, 41, "OSError", "the protocol does not fit the socket type (UDP for a stream).", "Stream goes with Tcp, Dgram with Udp."),
            [SocketError.ProtocolOption] = ("ENOPROTOOPT", 92, 42, "OSError", "this socket does not know that option, at that level.", "check the option's level (Socket, Tcp, IP) and that this system has it."),
            [SocketError.ProtocolNotSupported] = ("EPROTONOSUPPORT", 93, 43, "OSError", "the protocol is not supported.", "use a protocol this system has."),
            [SocketError.SocketNotSupported] = ("ESOCKTNOSUPPORT", 94, 44, "OSError", "this socket type is not supported in this family.", "pick another type or family."),
            [SocketError.OperationNotSupported] = ("EOPNOTSUPP", 95, 45, "OSError", "the call does not apply to this kind of socket (listen on UDP, OOB data on UDP).", "use the calls of this socket's type."),
            [SocketError.ProtocolFamilyNotSupported] = ("EPFNOSUPPORT", 96, 46, "OSError", "the protocol family is not supported.", "use InterNetwork, InterNetworkV6 or Unix."),
            [SocketError.AddressFamilyNotSupported] = ("EAFNOSUPPORT", 97, 47, "OSError", "the address belongs to another family than the socket (an IPv6 address on an IPv4 socket), or the system lacks the family.", "match the address to the socket's family, or use a dual-mode IPv6 socket."),
            [SocketError.AddressAlreadyInUse] = ("EADDRINUSE", 98, 48, "OSError: [Errno 98] Address already in use", "another socket holds this address and port, or an old connection on it is in TIME-WAIT.", "stop the other server, pick another port, or set SO_REUSEADDR before bind (lesson 08)."),
            [SocketError.AddressNotAvailable] = ("EADDRNOTAVAIL", 99, 49, "OSError", "this machine has no such address to bind to, or no free ephemeral port is left.", "bind to an address of this machine (or any); free some ports."),
            [SocketError.NetworkDown] = ("ENETDOWN", 100, 50, "OSError", "the network interface is down.", "bring the interface up."),
            [SocketError.NetworkUnreachable] = ("ENETUNREACH", 101, 51, "OSError", "there is no route to that network (no network at all, as in an empty namespace).", "check the connection and the routing table (ip route)."),
            [SocketError.NetworkReset] = ("ENETRESET", 102, 52, "OSError", "the network dropped the connection.", "connect again."),
            [SocketError.ConnectionAborted] = ("ECONNABORTED", 103, 53, "ConnectionAbortedError", "this side's software aborted the connection (often: the socket was closed while a call was waiting).", "see who closed the socket; connect again."),
            [SocketError.ConnectionReset] = ("ECONNRESET", 104, 54, "ConnectionResetError", "the peer reset the connection: it closed with data unread, crashed, or closed with SO_LINGER 0.", "treat the connection as gone; connect again if it makes sense."),
            [SocketError.NoBufferSpaceAvailable] = ("ENOBUFS", 105, 55, "OSError", "the system ran out of buffer space.", "slow down, or free memory."),
            [SocketError.IsConnected] = ("EISCONN", 106, 56, "OSError", "the socket is already connected.", "connect a socket once; use a new one for another connection."),
            [SocketError.NotConnected] = ("ENOTCONN", 107, 57, "OSError", "the socket is not connected (a send before connect, or after the peer went).", "connect first."),
            [SocketError.Shutdown] = ("EPIPE", 32, 32, "BrokenPipeError", "the connection can take no more data: this side shut down sending, or the peer closed or reset it.", "stop sending; treat the connection as gone."),
            [SocketError.TimedOut] = ("ETIMEDOUT", 110, 60, "TimeoutError (socket.timeout)", "no answer in time: a receive or send timeout ran out, or a connect got no reply.", "give the peer longer, or check that it is there and not behind a firewall that drops packets."),
            [SocketError.ConnectionRefused] = ("ECONNREFUSED", 111, 61, "ConnectionRefusedError", "nothing listens on that port: the peer's system answered the SYN with a reset.", "check the port, and that the server is running (ss -ltn)."),
            [SocketError.HostDown] = ("EHOSTDOWN", 112, 64, "OSError", "the host is down.", "check the host."),
            [SocketError.HostUnreachable] = ("EHOSTUNREACH", 113, 65, "OSError", "no route to the host.", "check the address and the network between."),
            [SocketError.ProcessLimit] = ("", null, null, "OSError", "too many processes use the Windows sockets library.", "Windows only: close other programs."),
            [SocketError.SystemNotReady] = ("", null, null, "OSError", "the Windows network subsystem is not ready.", "Windows only: try again later."),
            [SocketError.VersionNotSupported] = ("", null, null, "OSError", "the Windows sockets library version is not supported.", "Windows only."),
            [SocketError.NotInitialized] = ("", null, null, "OSError", "the Windows sockets library was not started.", "Windows only: .NET starts it itself."),
            [SocketError.Disconnecting] = ("", null, null, "OSError", "a graceful shutdown is in progress.", "wait for it to finish."),
            [SocketError.TypeNotFound] = ("", null, null, "OSError", "the class type was not found (Windows name services).", "Windows only."),
            [SocketError.HostNotFound] = ("EAI_NONAME", null, null, "socket.gaierror", "the name does not exist (or offline, it is not in the hosts file).", "check the spelling; an offline lesson answers only from the hosts file."),
            [SocketError.TryAgain] = ("EAI_AGAIN", null, null, "socket.gaierror", "the name service did not answer: no network, or a slow DNS server.", "try again later; check the network and /etc/resolv.conf."),
            [SocketError.NoRecovery] = ("EAI_FAIL", null, null, "socket.gaierror", "the name service failed for good.", "check the DNS configuration."),
            [SocketError.NoData] = ("EAI_NODATA", null, null, "socket.gaierror", "the name exists but has no address of the family asked for.", "ask for the other family (an IPv6-only name, say)."),
            [SocketError.IOPending] = ("", null, null, "OSError", "an overlapped operation will complete later (Windows).", "wait for its completion."),
            [SocketError.OperationAborted] = ("ECANCELED", 125, 89, "OSError", "the operation was cancelled: the socket was closed while the call was waiting.", "see who closed the socket, and why."),
        }.ToFrozenDictionary();

    /// <summary>Every value of <see cref="SocketError"/>, explained.</summary>
    public static IReadOnlyList<SocketErrorInfo> All => [.. Enum.GetValues<SocketError>().Distinct().Select(Explain)];

    /// <summary>What <paramref name="error"/> means.</summary>
    public static SocketErrorInfo Explain(SocketError error)
    {
        if (!Known.TryGetValue(error, out var known))
        {
            return new SocketErrorInfo(error, "", null, "OSError", $"an error this course has no note for ({(int)error}).", "read the exception's message.");
        }
        var number = OperatingSystem.IsLinux() ? known.Linux : OperatingSystem.IsMacOS() ? known.Mac : (int)error;
        return new SocketErrorInfo(error, known.Errno, number, known.Python, known.Cause, known.Advice);
    }

    /// <summary>
    /// What <paramref name="exception"/> means: its <see cref="SocketException.SocketErrorCode"/>,
    /// explained, with the errno the system really gave where it is another than the usual one
    /// (a receive timeout is EAGAIN on Linux, which .NET reports as TimedOut).
    /// </summary>
    public static SocketErrorInfo Explain(SocketException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var info = Explain(exception.SocketErrorCode);
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || exception.NativeErrorCode == 0 || exception.NativeErrorCode == info.Number
            || info.Errno.StartsWith("EAI_", StringComparison.Ordinal))
        {
            return info;
        }
        var native = Known.Values.FirstOrDefault(k => (OperatingSystem.IsLinux() ? k.Linux : k.Mac) == exception.NativeErrorCode && k.Errno.Length > 0);
        return info with { Errno = native.Errno ?? "errno", Number = exception.NativeErrorCode };
    }

    /// <summary>Every value as a table.</summary>
    public static Display.Table Table() =>
        Display.Table.Of(All.Select(i => new { i.Error, Errno = i.Number is int n ? $"{i.Errno} {n}" : i.Errno, i.Python, i.Cause })).WithCellLimit(null);
}
