using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Options;

/// <summary>
/// A server restarted on its port while its last connection waits in TIME-WAIT (the server
/// closed it first), with or without .NET's ReuseAddress: the tutorials' "[Errno 98] Address
/// already in use" after a restart, which .NET's own Bind avoids; and a second server on a running
/// one's port, which ReuseAddress lets in.
/// </summary>
public static class RestartExperiment
{
    /// <summary>What happened when the server came back.</summary>
    /// <param name="ReuseAddress">Whether the new socket set .NET's ReuseAddress before bind.</param>
    /// <param name="TimeWait">Whether the old connection was in TIME-WAIT at the restart.</param>
    /// <param name="Error">The bind's error, or null when it bound.</param>
    /// <param name="Message">The error's message, as the program would print it.</param>
    public sealed record Outcome(bool ReuseAddress, bool TimeWait, SocketError? Error, string Message);

    /// <summary>Runs a server on a fresh port, has a client connect, closes the connection from the server's side, stops the server, and starts it again.</summary>
    public static Outcome Restart(bool reuseAddress)
    {
        int port;
        IPEndPoint clientEnd;
        using (var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            server.Listen();
            port = ((IPEndPoint)server.LocalEndPoint!).Port;
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(server.LocalEndPoint!);
            clientEnd = (IPEndPoint)client.LocalEndPoint!;
            using (var connection = server.Accept())
            {
                connection.Shutdown(SocketShutdown.Send); // the server closes first, so its end waits in TIME-WAIT
                client.Receive(new byte[1]);
            }
        }
        var serverEnd = new IPEndPoint(IPAddress.Loopback, port);
        var timeWait = WaitForTimeWait(serverEnd, clientEnd);
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        again.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, reuseAddress);
        try
        {
            again.Bind(serverEnd);
            again.Listen();
            return new Outcome(reuseAddress, timeWait, null, $"listening on port {port} again");
        }
        catch (SocketException ex)
        {
            return new Outcome(reuseAddress, timeWait, ex.SocketErrorCode, ex.Message);
        }
    }

    /// <summary>What happened when a second server tried the port of one that is running.</summary>
    /// <param name="ReuseAddress">Whether both set .NET's ReuseAddress before bind.</param>
    /// <param name="Error">The second bind's error, or null when it listened too.</param>
    /// <param name="Message">What the second server would print.</param>
    public sealed record SecondServerOutcome(bool ReuseAddress, SocketError? Error, string Message);

    /// <summary>Starts a server on a fresh port, then a second on the same port: both with .NET's ReuseAddress set, or neither.</summary>
    public static SecondServerOutcome SecondServer(bool reuseAddress)
    {
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        first.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, reuseAddress);
        first.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        first.Listen();
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        second.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, reuseAddress);
        try
        {
            second.Bind(first.LocalEndPoint!);
            second.Listen();
            return new SecondServerOutcome(reuseAddress, null, $"a second server listening on port {port} too");
        }
        catch (SocketException ex)
        {
            return new SecondServerOutcome(reuseAddress, ex.SocketErrorCode, ex.Message);
        }
    }

    private static bool WaitForTimeWait(IPEndPoint local, IPEndPoint remote)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        do
        {
            if (TcpTable.StateOf(local, remote) == Sockets.TcpState.TimeWait)
            {
                return true;
            }
            Thread.Yield();
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }
}
