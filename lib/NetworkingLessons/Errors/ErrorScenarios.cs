using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Errors;

/// <summary>
/// Each common socket failure provoked for real, on loopback, returning the exception the system
/// raised: what lesson 07's checks hand to a student's code, and what its tests compare with.
/// </summary>
public static class ErrorScenarios
{
    /// <summary>A port on loopback that nothing listens on now (bound, read, released).</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>A connect to a port nothing listens on: ConnectionRefused (ECONNREFUSED).</summary>
    public static SocketException Refused() => Catch(() =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, FreePort());
    });

    /// <summary>A receive from a peer that never sends, with a short timeout: TimedOut.</summary>
    public static SocketException TimedOut() => Catch(() =>
    {
        using var pair = ConnectedPair.Tcp();
        pair.Client.ReceiveTimeout = 100;
        pair.Client.Receive(new byte[16]);
    });

    /// <summary>A receive from a peer that closed with SO_LINGER 0, which sends a reset: ConnectionReset (ECONNRESET).</summary>
    public static SocketException ResetByPeer() => Catch(() =>
    {
        using var pair = ConnectedPair.Tcp();
        pair.Server.LingerState = new LingerOption(true, 0);
        pair.Server.Close();
        pair.Client.Receive(new byte[16]);
    });

    /// <summary>Sends to a peer that has closed, until the system refuses: Shutdown (EPIPE, Python's BrokenPipeError).</summary>
    public static SocketException BrokenPipe() => Catch(() =>
    {
        using var pair = ConnectedPair.Tcp();
        pair.Server.Close();
        // The first send after the peer closed goes out and draws a reset; a later one is refused.
        for (var i = 0; i < 100; i++)
        {
            pair.Client.Send(new byte[16]);
            pair.Client.Poll(20_000, SelectMode.SelectError);
        }
    });

    /// <summary>A bind to an address and port another socket holds: AddressAlreadyInUse (EADDRINUSE).</summary>
    public static SocketException AddressInUse() => Catch(() =>
    {
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        first.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        first.Listen();
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        second.Bind(first.LocalEndPoint!);
    });

    private static SocketException Catch(Action provoke)
    {
        try
        {
            provoke();
        }
        catch (SocketException ex)
        {
            return ex;
        }
        throw new InvalidOperationException("The failure did not happen: this system behaves unlike the lesson expects.");
    }
}
