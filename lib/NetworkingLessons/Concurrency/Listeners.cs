using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Concurrency;

// What the servers of this folder share: how they listen, and how they end a connection.
internal static class Listeners
{
    public static Socket Open()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1024);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    // Ends the connection in an orderly way (a FIN), which also ends a Receive blocked on it.
    public static void Hangup(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already gone
        }
    }
}
