using System.Net.Sockets;

namespace NetworkingLessons.Sockets;

/// <summary>
/// What the operating system gives for each address family and socket type: the protocol it
/// picks (Python's <c>socket.socket(AF_INET, SOCK_STREAM)</c> gets TCP), or why it refuses.
/// </summary>
public static class SocketKinds
{
    /// <summary>One combination and what came of asking for it.</summary>
    /// <param name="Family">InterNetwork (AF_INET), InterNetworkV6 (AF_INET6), Unix (AF_UNIX).</param>
    /// <param name="Type">Stream (SOCK_STREAM), Dgram (SOCK_DGRAM).</param>
    /// <param name="Protocol">The protocol the system chose, or the error it gave.</param>
    public sealed record Kind(string Family, string Type, string Protocol);

    /// <summary>Asks for a socket of each family and type, with the protocol left to the system, and closes it again.</summary>
    public static IReadOnlyList<Kind> All()
    {
        var kinds = new List<Kind>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6, AddressFamily.Unix })
        {
            foreach (var type in new[] { SocketType.Stream, SocketType.Dgram })
            {
                string protocol;
                try
                {
                    using var socket = new Socket(family, type, family == AddressFamily.Unix ? ProtocolType.Unspecified : type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp);
                    protocol = family == AddressFamily.Unix ? "(none: a Unix socket has no IP protocol)" : socket.ProtocolType.ToString();
                }
                catch (SocketException ex)
                {
                    protocol = $"refused: {ex.SocketErrorCode}";
                }
                kinds.Add(new Kind($"{family} ({Posix(family)})", $"{type} (SOCK_{type.ToString().ToUpperInvariant()})", protocol));
            }
        }
        return kinds;
    }

    /// <summary>The combinations as a table.</summary>
    public static Display.Table Table() => Display.Table.Of(All());

    private static string Posix(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => "AF_INET",
        AddressFamily.InterNetworkV6 => "AF_INET6",
        _ => "AF_UNIX",
    };
}
