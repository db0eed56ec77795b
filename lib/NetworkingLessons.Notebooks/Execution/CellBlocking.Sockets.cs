using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Notebooks.Execution;

public static partial class CellBlocking
{
    /// <summary>The longest a sliced wait (<see cref="Socket.Poll(int, SelectMode)"/>, <see cref="Socket.Select(IList, IList, IList, int)"/>) waits before it checks for a stop.</summary>
    private const int SliceMicroseconds = 50_000;

    // Waiting for a peer: cancelled, the socket stays as it was. A socket the cell made
    // non-blocking does not block, so it gets the plain call (and its WouldBlock).

    /// <summary>Stands in for <see cref="Socket.Accept"/>.</summary>
    public static Socket Accept(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return !socket.Blocking || !InStoppableCell
            ? socket.Accept()
            : Cancelled(GuardedCall.Start("Socket.Accept"), socket.AcceptAsync);
    }

    /// <summary>Stands in for <see cref="Socket.Connect(EndPoint)"/>.</summary>
    public static void Connect(Socket socket, EndPoint remoteEP)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!socket.Blocking || !InStoppableCell)
        {
            socket.Connect(remoteEP);
            return;
        }
        Cancelled(GuardedCall.Start("Socket.Connect"), token => socket.ConnectAsync(remoteEP, token));
    }

    /// <summary>Stands in for <see cref="Socket.Connect(IPAddress, int)"/>.</summary>
    public static void Connect(Socket socket, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!socket.Blocking || !InStoppableCell)
        {
            socket.Connect(address, port);
            return;
        }
        Cancelled(GuardedCall.Start("Socket.Connect"), token => socket.ConnectAsync(address, port, token));
    }

    /// <summary>Stands in for <see cref="Socket.Connect(string, int)"/>.</summary>
    public static void Connect(Socket socket, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!socket.Blocking || !InStoppableCell)
        {
            socket.Connect(host, port);
            return;
        }
        Cancelled(GuardedCall.Start("Socket.Connect"), token => socket.ConnectAsync(host, port, token));
    }

    /// <summary>Stands in for <see cref="Socket.Connect(IPAddress[], int)"/>.</summary>
    public static void Connect(Socket socket, IPAddress[] addresses, int port)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!socket.Blocking || !InStoppableCell)
        {
            socket.Connect(addresses, port);
            return;
        }
        Cancelled(GuardedCall.Start("Socket.Connect"), token => socket.ConnectAsync(addresses, port, token));
    }

    /// <summary>Stands in for <see cref="TcpListener.AcceptSocket"/>.</summary>
    public static Socket AcceptSocket(TcpListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return !InStoppableCell || !listener.Server.Blocking
            ? listener.AcceptSocket()
            : Cancelled(GuardedCall.Start("TcpListener.AcceptSocket"), listener.AcceptSocketAsync);
    }

    /// <summary>Stands in for <see cref="TcpListener.AcceptTcpClient"/>.</summary>
    public static TcpClient AcceptTcpClient(TcpListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return !InStoppableCell || !listener.Server.Blocking
            ? listener.AcceptTcpClient()
            : Cancelled(GuardedCall.Start("TcpListener.AcceptTcpClient"), listener.AcceptTcpClientAsync);
    }

    /// <summary>Stands in for <see cref="TcpClient.Connect(string, int)"/>.</summary>
    public static void Connect(TcpClient client, string hostname, int port)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!InStoppableCell)
        {
            client.Connect(hostname, port);
            return;
        }
        Cancelled(GuardedCall.Start("TcpClient.Connect"), token => client.ConnectAsync(hostname, port, token));
    }

    /// <summary>Stands in for <see cref="TcpClient.Connect(IPAddress, int)"/>.</summary>
    public static void Connect(TcpClient client, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!InStoppableCell)
        {
            client.Connect(address, port);
            return;
        }
        Cancelled(GuardedCall.Start("TcpClient.Connect"), token => client.ConnectAsync(address, port, token));
    }

    /// <summary>Stands in for <see cref="TcpClient.Connect(IPEndPoint)"/>.</summary>
    public static void Connect(TcpClient client, IPEndPoint remoteEP)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!InStoppableCell)
        {
            client.Connect(remoteEP);
            return;
        }
        Cancelled(GuardedCall.Start("TcpClient.Connect"), token => client.ConnectAsync(remoteEP, token));
    }

    /// <summary>Stands in for <see cref="TcpClient.Connect(IPAddress[], int)"/>.</summary>
    public static void Connect(TcpClient client, IPAddress[] ipAddresses, int port)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!InStoppableCell)
        {
            client.Connect(ipAddresses, port);
            return;
        }
        Cancelled(GuardedCall.Start("TcpClient.Connect"), token => client.ConnectAsync(ipAddresses, port, token));
    }

    // On a connection: a stop closes it. The plain sync call keeps its exact behaviour (timeouts,
    // partial sends, non-blocking sockets) until then.

    /// <summary>Stands in for <see cref="Socket.Receive(byte[])"/>.</summary>
    public static int Receive(Socket socket, byte[] buffer) =>
        OnConnection(socket, "Socket.Receive", () => socket.Receive(buffer));

    /// <summary>Stands in for <see cref="Socket.Receive(byte[], SocketFlags)"/>.</summary>
    public static int Receive(Socket socket, byte[] buffer, SocketFlags socketFlags) =>
        OnConnection(socket, "Socket.Receive", () => socket.Receive(buffer, socketFlags));

    /// <summary>Stands in for <see cref="Socket.Receive(byte[], int, SocketFlags)"/>.</summary>
    public static int Receive(Socket socket, byte[] buffer, int size, SocketFlags socketFlags) =>
        OnConnection(socket, "Socket.Receive", () => socket.Receive(buffer, size, socketFlags));

    /// <summary>Stands in for <see cref="Socket.Receive(byte[], int, int, SocketFlags)"/>.</summary>
    public static int Receive(Socket socket, byte[] buffer, int offset, int size, SocketFlags socketFlags) =>
        OnConnection(socket, "Socket.Receive", () => socket.Receive(buffer, offset, size, socketFlags));

    /// <summary>Stands in for <see cref="Socket.Receive(IList{ArraySegment{byte}})"/>.</summary>
    public static int Receive(Socket socket, IList<ArraySegment<byte>> buffers) =>
        OnConnection(socket, "Socket.Receive", () => socket.Receive(buffers));

    /// <summary>Stands in for <see cref="Socket.Receive(IList{ArraySegment{byte}}, SocketFlags)"/>.</summary>
    public static int Receive(Socket socket, IList<ArraySegment<byte>> buffers, SocketFlags socketFlags) =>
        OnConnection(socket, "Socket.Receive", () => socket.Receive(buffers, socketFlags));

    /// <summary>Stands in for <see cref="Socket.Receive(Span{byte})"/>.</summary>
    public static int Receive(Socket socket, Span<byte> buffer) => Receive(socket, buffer, SocketFlags.None);

    /// <summary>Stands in for <see cref="Socket.Receive(Span{byte}, SocketFlags)"/>.</summary>
    public static int Receive(Socket socket, Span<byte> buffer, SocketFlags socketFlags)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var guarded = GuardedCall.Start("Socket.Receive", socket.Dispose, ClosedToStop);
        try
        {
            return socket.Receive(buffer, socketFlags);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>Stands in for <see cref="Socket.ReceiveFrom(byte[], ref EndPoint)"/>.</summary>
    public static int ReceiveFrom(Socket socket, byte[] buffer, ref EndPoint remoteEP) =>
        ReceiveFrom(socket, buffer, 0, buffer?.Length ?? 0, SocketFlags.None, ref remoteEP);

    /// <summary>Stands in for <see cref="Socket.ReceiveFrom(byte[], SocketFlags, ref EndPoint)"/>.</summary>
    public static int ReceiveFrom(Socket socket, byte[] buffer, SocketFlags socketFlags, ref EndPoint remoteEP) =>
        ReceiveFrom(socket, buffer, 0, buffer?.Length ?? 0, socketFlags, ref remoteEP);

    /// <summary>Stands in for <see cref="Socket.ReceiveFrom(byte[], int, SocketFlags, ref EndPoint)"/>.</summary>
    public static int ReceiveFrom(Socket socket, byte[] buffer, int size, SocketFlags socketFlags, ref EndPoint remoteEP) =>
        ReceiveFrom(socket, buffer, 0, size, socketFlags, ref remoteEP);

    /// <summary>Stands in for <see cref="Socket.ReceiveFrom(byte[], int, int, SocketFlags, ref EndPoint)"/>.</summary>
    public static int ReceiveFrom(Socket socket, byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var guarded = GuardedCall.Start("Socket.ReceiveFrom", socket.Dispose, ClosedToStop);
        try
        {
            return socket.ReceiveFrom(buffer!, offset, size, socketFlags, ref remoteEP);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>Stands in for <see cref="Socket.ReceiveFrom(Span{byte}, ref EndPoint)"/>.</summary>
    public static int ReceiveFrom(Socket socket, Span<byte> buffer, ref EndPoint remoteEP) =>
        ReceiveFrom(socket, buffer, SocketFlags.None, ref remoteEP);

    /// <summary>Stands in for <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, ref EndPoint)"/>.</summary>
    public static int ReceiveFrom(Socket socket, Span<byte> buffer, SocketFlags socketFlags, ref EndPoint remoteEP)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var guarded = GuardedCall.Start("Socket.ReceiveFrom", socket.Dispose, ClosedToStop);
        try
        {
            return socket.ReceiveFrom(buffer, socketFlags, ref remoteEP);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>Stands in for <see cref="Socket.Send(byte[])"/>.</summary>
    public static int Send(Socket socket, byte[] buffer) =>
        OnConnection(socket, "Socket.Send", () => socket.Send(buffer));

    /// <summary>Stands in for <see cref="Socket.Send(byte[], SocketFlags)"/>.</summary>
    public static int Send(Socket socket, byte[] buffer, SocketFlags socketFlags) =>
        OnConnection(socket, "Socket.Send", () => socket.Send(buffer, socketFlags));

    /// <summary>Stands in for <see cref="Socket.Send(byte[], int, SocketFlags)"/>.</summary>
    public static int Send(Socket socket, byte[] buffer, int size, SocketFlags socketFlags) =>
        OnConnection(socket, "Socket.Send", () => socket.Send(buffer, size, socketFlags));

    /// <summary>Stands in for <see cref="Socket.Send(byte[], int, int, SocketFlags)"/>.</summary>
    public static int Send(Socket socket, byte[] buffer, int offset, int size, SocketFlags socketFlags) =>
        OnConnection(socket, "Socket.Send", () => socket.Send(buffer, offset, size, socketFlags));

    /// <summary>Stands in for <see cref="Socket.Send(IList{ArraySegment{byte}})"/>.</summary>
    public static int Send(Socket socket, IList<ArraySegment<byte>> buffers) =>
        OnConnection(socket, "Socket.Send", () => socket.Send(buffers));

    /// <summary>Stands in for <see cref="Socket.Send(ReadOnlySpan{byte})"/>.</summary>
    public static int Send(Socket socket, ReadOnlySpan<byte> buffer) => Send(socket, buffer, SocketFlags.None);

    /// <summary>Stands in for <see cref="Socket.Send(ReadOnlySpan{byte}, SocketFlags)"/>.</summary>
    public static int Send(Socket socket, ReadOnlySpan<byte> buffer, SocketFlags socketFlags)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var guarded = GuardedCall.Start("Socket.Send", socket.Dispose, ClosedToStop);
        try
        {
            return socket.Send(buffer, socketFlags);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>Stands in for <see cref="UdpClient.Receive(ref IPEndPoint?)"/>.</summary>
    public static byte[] Receive(UdpClient client, ref IPEndPoint? remoteEP)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var guarded = GuardedCall.Start("UdpClient.Receive", client.Dispose, "its socket was closed to stop it");
        try
        {
            return client.Receive(ref remoteEP);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    // Readiness waits: waited in slices, checking for a stop between them; nothing is closed.

    /// <summary>Stands in for <see cref="Socket.Poll(int, SelectMode)"/>.</summary>
    public static bool Poll(Socket socket, int microSeconds, SelectMode mode)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!InStoppableCell || (microSeconds >= 0 && microSeconds <= SliceMicroseconds))
        {
            return socket.Poll(microSeconds, mode);
        }
        using var guarded = GuardedCall.Start("Socket.Poll");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = microSeconds < 0 ? SliceMicroseconds : microSeconds - (long)clock.Elapsed.TotalMicroseconds;
            if (socket.Poll((int)Math.Clamp(left, 0, SliceMicroseconds), mode))
            {
                return true;
            }
            guarded.ThrowIfStopped();
            if (microSeconds >= 0 && left <= SliceMicroseconds)
            {
                return false;
            }
        }
    }

    /// <summary>Stands in for <see cref="Socket.Poll(TimeSpan, SelectMode)"/>.</summary>
    public static bool Poll(Socket socket, TimeSpan timeout, SelectMode mode) =>
        Poll(socket, timeout == Timeout.InfiniteTimeSpan ? -1 : checked((int)timeout.TotalMicroseconds), mode);

    /// <summary>Stands in for <see cref="Socket.Select(IList, IList, IList, int)"/>.</summary>
    public static void Select(IList? checkRead, IList? checkWrite, IList? checkError, int microSeconds)
    {
        if (!InStoppableCell || (microSeconds >= 0 && microSeconds <= SliceMicroseconds))
        {
            Socket.Select(checkRead, checkWrite, checkError, microSeconds);
            return;
        }
        using var guarded = GuardedCall.Start("Socket.Select");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = microSeconds < 0 ? SliceMicroseconds : microSeconds - (long)clock.Elapsed.TotalMicroseconds;
            var read = Copy(checkRead);
            var write = Copy(checkWrite);
            var error = Copy(checkError);
            Socket.Select(read, write, error, (int)Math.Clamp(left, 0, SliceMicroseconds));
            var ready = (read?.Count ?? 0) + (write?.Count ?? 0) + (error?.Count ?? 0) > 0;
            var timedOut = microSeconds >= 0 && left <= SliceMicroseconds;
            if (ready || timedOut)
            {
                CopyBack(read, checkRead);
                CopyBack(write, checkWrite);
                CopyBack(error, checkError);
                return;
            }
            guarded.ThrowIfStopped();
        }

        static ArrayList? Copy(IList? list) => list is null ? null : new ArrayList(list);

        static void CopyBack(ArrayList? from, IList? to)
        {
            if (from is null || to is null)
            {
                return;
            }
            to.Clear();
            foreach (var item in from)
            {
                to.Add(item);
            }
        }
    }

    /// <summary>Stands in for <see cref="Socket.Select(IList, IList, IList, TimeSpan)"/>.</summary>
    public static void Select(IList? checkRead, IList? checkWrite, IList? checkError, TimeSpan timeout) =>
        Select(checkRead, checkWrite, checkError, timeout == Timeout.InfiniteTimeSpan ? -1 : checked((int)timeout.TotalMicroseconds));
}
