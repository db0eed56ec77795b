using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Course;
using NetworkingLessons.Hosts;

namespace NetworkingLessons.Echo;

/// <summary>
/// "An echo server" for a lesson: online, a public TCP echo service (tcpbin.com, port 4242) if it
/// connects and echoes within a short timeout; offline, or when it cannot be reached, the course's
/// own <see cref="EchoServer"/> on loopback, started once per process. Which one, and why, is in
/// <see cref="EchoServerChoice.Note"/>.
/// </summary>
public static class EchoServers
{
    /// <summary>The public echo service tried online.</summary>
    public const string PublicName = "tcpbin.com";

    /// <summary>Its port.</summary>
    public const int PublicPort = 4242;

    /// <summary>How long the public service may take to connect and echo a line before the embedded server stands in.</summary>
    public static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(2);

    private static readonly Lazy<EchoServer> Shared = new(() => EchoServer.Start());

    /// <summary>The course's echo server on 127.0.0.1, shared by the lessons of this process; started on first use.</summary>
    public static EchoServer Embedded => Shared.Value;

    /// <summary>Finds an echo server: the public one online, the embedded server otherwise.</summary>
    public static Task<EchoServerChoice> FindAsync(CancellationToken cancellationToken = default) =>
        CourseEnvironment.IsOffline ? Task.FromResult(Standing("offline")) : FindAsync(PublicName, PublicPort, HostsFile.Load(), cancellationToken);

    /// <summary>Tries the echo service <paramref name="name"/>:<paramref name="port"/> (looked up online, or in <paramref name="hosts"/> offline), and stands the embedded server in if it does not echo.</summary>
    internal static async Task<EchoServerChoice> FindAsync(string name, int port, HostsFile hosts, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(LiveTimeout);
        try
        {
            var entry = await Resolver.LookupAsync(name, hosts, LiveTimeout, deadline.Token);
            var address = entry.IPv4.FirstOrDefault();
            if (address is null)
            {
                return Standing($"{name} has no IPv4 address here");
            }
            var endPoint = new IPEndPoint(address, port);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint, deadline.Token);
            var probe = Encoding.ASCII.GetBytes("networking lessons\n");
            await socket.SendAsync(probe, deadline.Token);
            var echo = new byte[probe.Length];
            for (var got = 0; got < echo.Length;)
            {
                var n = await socket.ReceiveAsync(echo.AsMemory(got), deadline.Token);
                if (n == 0)
                {
                    return Standing($"{name} closed the connection without echoing");
                }
                got += n;
            }
            return echo.AsSpan().SequenceEqual(probe)
                ? new EchoServerChoice(endPoint, false, $"Using {name}:{port} ({address}), a public echo service on the internet.")
                : Standing($"{name} answered with something other than the echo");
        }
        catch (HostLookupException ex)
        {
            return Standing($"{name} could not be looked up ({ex.Message})");
        }
        catch (SocketException ex)
        {
            return Standing($"{name} could not be reached ({ex.SocketErrorCode})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Standing($"{name} did not echo within {LiveTimeout.TotalSeconds:0} s");
        }
    }

    private static EchoServerChoice Standing(string why) =>
        new(Embedded.EndPoint, true, $"Using the course's own echo server on {Embedded.EndPoint}: {why}.");
}
