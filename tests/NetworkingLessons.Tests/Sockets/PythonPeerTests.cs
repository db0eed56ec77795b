using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Errors;
using NetworkingLessons.Http;
using NetworkingLessons.Options;
using NetworkingLessons.Sockets;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Sockets;

/// <summary>
/// Lessons 05–08's C# servers and clients against Python ones written the tutorials' way, on
/// loopback: each side must understand the other, fail the same way, and read the same options.
/// </summary>
public sealed class PythonPeerTests
{
    // The tutorials' greeting server: bind, listen(5), accept, send a greeting, close.
    private const string GreetingServer = """
        import socket
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(('127.0.0.1', 0))
        s.listen(5)
        print(s.getsockname()[1], flush=True)
        clt, adr = s.accept()
        clt.sendall(bytes('Socket Programming in Python', 'utf-8'))
        clt.close()
        print(adr[0], adr[1])
        """;

    // The tutorials' client: connect, sendall, then recv(2048) until the server closes.
    private const string RequestClient = """
        import socket, sys
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.connect(('127.0.0.1', int(sys.argv[1])))
        s.sendall(sys.argv[2].encode('utf-8'))
        while True:
            buf = s.recv(2048)
            if not len(buf):
                break
            sys.stdout.write(buf.decode('utf-8'))
        """;

    // The tutorials' socket_errors.py: --host, --port, --file; each step in its own try.
    private const string SocketErrors = """
        import argparse, socket, sys
        parser = argparse.ArgumentParser(description='Socket Error Examples')
        parser.add_argument('--host', action='store', dest='host')
        parser.add_argument('--port', action='store', dest='port', type=int)
        parser.add_argument('--file', action='store', dest='file')
        args = parser.parse_args()
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.connect((args.host, args.port))
        except socket.gaierror as e:
            print('Address-related error connecting to server: %s' % e)
            sys.exit(1)
        except socket.error as e:
            print('Connection error: %s' % e)
            sys.exit(1)
        s.sendall(('GET %s HTTP/1.0\r\n\r\n' % args.file).encode('utf-8'))
        while True:
            buf = s.recv(2048)
            if not len(buf):
                break
            sys.stdout.write(buf.decode('utf-8'))
        """;

    private static PeerProcess Python(string program, params string[] arguments) => PeerProcess.Start("python3", ["-c", program, .. arguments]);

    [PeerFact(Peer.Python)]
    public async Task PythonServer_CSharpClient_GetsTheGreetingAndAgreesOnAddresses()
    {
        using var server = Python(GreetingServer);
        var port = int.Parse(await server.ReadLineAsync(), System.Globalization.CultureInfo.InvariantCulture);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, port);
        var greeting = SocketTransfer.ReceiveToEnd(client);

        Assert.Equal("Socket Programming in Python", Encoding.UTF8.GetString(greeting));
        var local = (IPEndPoint)client.LocalEndPoint!;
        Assert.Equal($"{local.Address} {local.Port}", await server.ReadLineAsync()); // getpeername there is LocalEndPoint here
        Assert.Equal(port, ((IPEndPoint)client.RemoteEndPoint!).Port);
        Assert.Equal(0, (await server.WaitAsync()).ExitCode);
    }

    [PeerFact(Peer.Python)]
    public async Task CSharpServer_PythonClient_ReadsTheReplyToTheEnd()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Listen(5);
        var port = ((IPEndPoint)server.LocalEndPoint!).Port;
        var serving = Task.Run(() =>
        {
            using var connection = server.Accept();
            var request = new byte[1024];
            var n = connection.Receive(request);
            var reply = new string('=', 3000) + Encoding.UTF8.GetString(request, 0, n).ToUpperInvariant();
            SocketTransfer.SendAll(connection, Encoding.UTF8.GetBytes(reply)); // more than one recv(2048) on the other side
            connection.Shutdown(SocketShutdown.Send);
        });

        using var client = Python(RequestClient, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "hello from python");
        var (code, stdout, stderr) = await client.WaitAsync();

        Assert.True(code == 0, stderr);
        Assert.Equal(new string('=', 3000) + "HELLO FROM PYTHON", stdout);
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [PeerFact(Peer.Python)]
    public async Task SocketErrors_PythonAndCSharpClients_PrintTheSameReply()
    {
        await using var http = LocalHttpServer.Start(new Dictionary<string, string> { ["/notes.txt"] = "line one\nline two\n" });
        var port = http.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var python = Python(SocketErrors, "--host=127.0.0.1", $"--port={port}", "--file=/notes.txt");
        var (code, stdout, stderr) = await python.WaitAsync();
        var csharp = await SocketErrorsClient.RunAsync("127.0.0.1", http.EndPoint.Port, "/notes.txt");

        Assert.True(code == 0, stderr);
        Assert.Equal(Lines(stdout), Lines(string.Join('\n', csharp)));
        Assert.Equal(2, http.Requests);
    }

    [PeerFact(Peer.Python)]
    public async Task SocketErrors_NothingListening_BothPrintTheSameError()
    {
        var port = ErrorScenarios.FreePort();

        using var python = Python(SocketErrors, "--host=127.0.0.1", $"--port={port}", "--file=/");
        var (code, stdout, _) = await python.WaitAsync();
        var csharp = await SocketErrorsClient.RunAsync("127.0.0.1", port, "/");

        Assert.Equal(1, code);
        Assert.Equal(stdout.TrimEnd(), Assert.Single(csharp)); // "Connection error: [Errno 111] Connection refused"
    }

    [PeerFact(Peer.Python)]
    public async Task Timeout_PythonSilentServer_CSharpReceiveTimesOut()
    {
        using var server = Python("""
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(('127.0.0.1', 0))
            s.listen(5)
            print(s.getsockname()[1], flush=True)
            clt, adr = s.accept()
            clt.recv(1)  # silent until the client goes
            """);
        var port = int.Parse(await server.ReadLineAsync(), System.Globalization.CultureInfo.InvariantCulture);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 200 };
        await client.ConnectAsync(IPAddress.Loopback, port);

        var ex = Assert.Throws<SocketException>(() => client.Receive(new byte[16]));

        Assert.Equal(SocketError.TimedOut, ex.SocketErrorCode);
        client.Close();
        Assert.Equal(0, (await server.WaitAsync()).ExitCode);
    }

    [PeerFact(Peer.Python)]
    public async Task Timeout_CSharpSilentServer_PythonSetTimeoutRaisesTimeout()
    {
        using var pairListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        pairListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        pairListener.Listen(5);
        var port = ((IPEndPoint)pairListener.LocalEndPoint!).Port;
        var accepted = pairListener.AcceptAsync();

        using var client = Python("""
            import socket, sys, time
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(0.2)
            s.connect(('127.0.0.1', int(sys.argv[1])))
            try:
                s.recv(16)
                print('received')
            except socket.timeout as e:
                print(type(e).__name__, e)
            """, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (code, stdout, stderr) = await client.WaitAsync();

        Assert.True(code == 0, stderr);
        Assert.Equal("TimeoutError timed out", stdout.TrimEnd());
        (await accepted).Dispose();
    }

    [PeerFact(Peer.Python)]
    public async Task LingerZero_CSharpClose_PythonSeesConnectionReset()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(5);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var closing = Task.Run(() =>
        {
            var connection = listener.Accept();
            connection.Receive(new byte[1]); // the client says it is ready
            connection.LingerState = new LingerOption(true, 0);
            connection.Close();
        });

        using var client = Python("""
            import socket, sys
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.sendall(b'r')
            try:
                print('received', len(s.recv(16)))
            except ConnectionResetError as e:
                print(type(e).__name__, e.errno)
            """, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (code, stdout, stderr) = await client.WaitAsync();

        Assert.True(code == 0, stderr);
        Assert.Equal($"ConnectionResetError {(OperatingSystem.IsLinux() ? 104 : 54)}", stdout.TrimEnd());
        await closing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [PeerFact(Peer.Python)]
    public async Task LingerZero_PythonClose_CSharpSeesConnectionReset()
    {
        using var server = Python("""
            import socket, struct
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(('127.0.0.1', 0))
            s.listen(5)
            print(s.getsockname()[1], flush=True)
            clt, adr = s.accept()
            clt.recv(1)
            clt.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            clt.close()
            """);
        var port = int.Parse(await server.ReadLineAsync(), System.Globalization.CultureInfo.InvariantCulture);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        await client.ConnectAsync(IPAddress.Loopback, port);
        client.Send("r"u8);
        Assert.Equal(0, (await server.WaitAsync()).ExitCode);

        var ex = Assert.Throws<SocketException>(() => client.Receive(new byte[16]));

        Assert.Equal(SocketError.ConnectionReset, ex.SocketErrorCode);
    }

    [PeerFact(Peer.Python)]
    public async Task Options_PythonGetsockopt_ReadsWhatTheTableShows()
    {
        using var python = Python("""
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            before = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            print(before, s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY),
                  s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF), s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
            """);
        var (code, stdout, stderr) = await python.WaitAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var before = SocketOptionValues.Of(socket).Single(v => v.Option == "TCP_NODELAY").Setting;
        socket.NoDelay = true;
        socket.SendBufferSize = 4096;
        socket.ReceiveBufferSize = 4096;
        var after = SocketOptionValues.Of(socket).ToDictionary(v => v.Option, v => v.Setting.Split(' ')[0]);

        Assert.True(code == 0, stderr);
        Assert.Equal(stdout.TrimEnd(), $"{before.Split(' ')[0]} {after["TCP_NODELAY"]} {after["SO_SNDBUF"]} {after["SO_RCVBUF"]}");
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
