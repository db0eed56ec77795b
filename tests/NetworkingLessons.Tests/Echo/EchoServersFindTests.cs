using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Echo;
using NetworkingLessons.Hosts;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Echo;

/// <summary>
/// The online search for an echo service, played against services on loopback named in a hosts
/// file of the test's own (the test process is offline, so no name service is asked and no packet
/// leaves the machine): one that echoes, and each way one can fail, with the note a lesson prints.
/// </summary>
public sealed class EchoServersFindTests
{
    private const int Probe = 19; // "networking lessons\n", what the finder sends

    private static readonly HostsFile Hosts = HostsFile.Parse("127.0.0.1 echo.test\n::1 six.test\n", "the test's hosts file");

    private static Task<EchoServerChoice> FindAsync(string name, int port, CancellationToken cancellationToken = default) =>
        EchoServers.FindAsync(name, port, Hosts, cancellationToken);

    // A service on loopback that does something else with each connection.
    private static (Socket Listener, Task Serving) Service(Action<Socket> onConnection)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var serving = Task.Run(() =>
        {
            try
            {
                using var client = listener.Accept();
                onConnection(client);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // the test is over
            }
        });
        return (listener, serving);
    }

    private static int PortOf(Socket listener) => ((IPEndPoint)listener.LocalEndPoint!).Port;

    private static string Embedded(string why) => $"Using the course's own echo server on {EchoServers.Embedded.EndPoint}: {why}.";

    [Fact]
    public async Task AServiceThatEchoes_IsUsed_AndNamed()
    {
        await using var server = EchoServer.Start();

        var choice = await FindAsync("echo.test", server.EndPoint.Port);

        Assert.False(choice.IsEmbedded);
        Assert.Equal(server.EndPoint, choice.EndPoint);
        Assert.Equal($"Using echo.test:{server.EndPoint.Port} (127.0.0.1), a public echo service on the internet.", choice.Note);
        Assert.Equal(choice.Note, choice.ToString());
    }

    [Fact]
    public async Task AServiceThatEchoesAByteAtATime_IsUsed()
    {
        var (listener, serving) = Service(client =>
        {
            var probe = SocketTransfer.ReceiveExactly(client, Probe);
            for (var i = 0; i < probe.Length; i++)
            {
                client.Send(probe, i, 1, SocketFlags.None);
            }
            client.Receive(new byte[1]); // until the finder closes
        });
        using (listener)
        {
            var choice = await FindAsync("echo.test", PortOf(listener));

            Assert.False(choice.IsEmbedded);
        }
        await serving;
    }

    [Fact]
    public async Task AServiceThatClosesWithoutEchoing_IsStoodIn()
    {
        var (listener, serving) = Service(client =>
        {
            SocketTransfer.ReceiveExactly(client, Probe); // read first: closing on unread bytes would be a reset
            client.Shutdown(SocketShutdown.Send);
            client.Receive(new byte[1]);
        });
        using (listener)
        {
            var choice = await FindAsync("echo.test", PortOf(listener));

            Assert.True(choice.IsEmbedded);
            Assert.Equal(EchoServers.Embedded.EndPoint, choice.EndPoint);
            Assert.Equal(Embedded("echo.test closed the connection without echoing"), choice.Note);
        }
        await serving;
    }

    [Fact]
    public async Task AServiceThatAnswersSomethingElse_IsStoodIn()
    {
        var (listener, serving) = Service(client =>
        {
            SocketTransfer.ReceiveExactly(client, Probe);
            client.Send(new byte[Probe]); // as many bytes, all zero
            client.Receive(new byte[1]);
        });
        using (listener)
        {
            var choice = await FindAsync("echo.test", PortOf(listener));

            Assert.Equal(Embedded("echo.test answered with something other than the echo"), choice.Note);
        }
        await serving;
    }

    [Fact]
    public async Task APortNobodyListensOn_IsStoodIn()
    {
        int port;
        using (var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = PortOf(closed);
        }

        var choice = await FindAsync("echo.test", port);

        Assert.Equal(Embedded("echo.test could not be reached (ConnectionRefused)"), choice.Note);
    }

    [Fact]
    public async Task AServiceThatNeverAnswers_IsStoodInAfterTheTimeout()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(); // the kernel completes the connection; nobody reads

        var choice = await FindAsync("echo.test", PortOf(listener));

        Assert.Equal(Embedded($"echo.test did not echo within {EchoServers.LiveTimeout.TotalSeconds:0} s"), choice.Note);
    }

    [Fact]
    public async Task ANameWithOnlyAnIPv6Address_IsStoodIn()
    {
        var choice = await FindAsync("six.test", 7);

        Assert.Equal(Embedded("six.test has no IPv4 address here"), choice.Note);
    }

    [Fact]
    public async Task ANameThatCannotBeLookedUp_IsStoodIn_SayingWhy()
    {
        var choice = await FindAsync("nowhere.test", 7);

        Assert.StartsWith(Embedded("nowhere.test could not be looked up ('nowhere.test' is not in the test's hosts file")[..^1], choice.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCallersCancellation_IsNotAStandIn()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FindAsync("echo.test", PortOf(listener), cancel.Token));
    }
}
