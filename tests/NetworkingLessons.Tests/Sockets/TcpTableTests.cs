using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Sockets;

public sealed class TcpTableTests
{
    private const string Sample = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 258398 1 00000000e58480c3 100 0 0 10 0
           1: 0100007F:A396 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 264907 2 00000000fd5207e8 20 0 0 10 -1
           2: 0100007F:A397 0100007F:1F90 06 00000000:00000000 03:0000175C 00000000     0        0 0 3 00000000db448225
           junk line
        """;

    [Fact]
    public void Parse_ReadsAddressesPortsAndStates()
    {
        var entries = TcpTable.Parse(Sample);

        Assert.Equal(3, entries.Count);
        Assert.Equal(("127.0.0.1:8080", "0.0.0.0:0", TcpState.Listen), (entries[0].Local.ToString(), entries[0].Remote.ToString(), entries[0].State));
        Assert.Equal(TcpState.Established, entries[1].State);
        Assert.Equal(("TIME-WAIT", 41879), (entries[2].StateName, entries[2].Local.Port));
    }

    [Theory]
    [InlineData("0100007F:1F90", "127.0.0.1:8080")]
    [InlineData("0101A8C0:0050", "192.168.1.1:80")]
    [InlineData("00000000000000000000000001000000:0016", "[::1]:22")]
    [InlineData("0000000000000000FFFF00000100007F:0016", "[::ffff:127.0.0.1]:22")]
    public void ProcAddress_IsLittleEndianWordsAndHexPort(string text, string expected)
    {
        Assert.Equal(expected, TcpTable.ProcAddress(text)!.ToString());
    }

    [Theory]
    [InlineData("0100007F1F90")]
    [InlineData("0100007F:1F9")]
    [InlineData("ZZ00007F:1F90")]
    [InlineData("0100007F:ZZZZ")]
    [InlineData("01007F:1F90")]
    public void ProcAddress_NotOfThatForm_IsNull(string text)
    {
        Assert.Null(TcpTable.ProcAddress(text));
    }

    [Fact]
    public void Read_RealSockets_ShowListenEstablishedAndTimeWait()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        Assert.Contains(TcpTable.Read(), e => e.Local.Port == port && e.State == TcpState.Listen);

        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        var clientEnd = (IPEndPoint)client.LocalEndPoint!;
        using var server = listener.Accept();
        Assert.Equal(TcpState.Established, TcpTable.StateOf(clientEnd, (IPEndPoint)listener.LocalEndPoint!));

        client.Close(); // the client closes first, so its end waits in TIME-WAIT once the server closes too
        Assert.Equal(0, server.Receive(new byte[1]));
        server.Close();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TcpTable.StateOf(clientEnd, (IPEndPoint)listener.LocalEndPoint!) != TcpState.TimeWait && DateTime.UtcNow < deadline)
        {
            Thread.Yield();
        }
        Assert.Equal(TcpState.TimeWait, TcpTable.StateOf(clientEnd, (IPEndPoint)listener.LocalEndPoint!));
        Assert.Contains("TIME-WAIT", TcpTable.Involving(port).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Involving_NotAPort_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TcpTable.Involving(70000));
    }

    [Theory]
    [InlineData(TcpState.Established, "ESTABLISHED")]
    [InlineData(TcpState.SynSent, "SYN-SENT")]
    [InlineData(TcpState.SynReceived, "SYN-RECV")]
    [InlineData(TcpState.FinWait1, "FIN-WAIT-1")]
    [InlineData(TcpState.FinWait2, "FIN-WAIT-2")]
    [InlineData(TcpState.TimeWait, "TIME-WAIT")]
    [InlineData(TcpState.Close, "CLOSE")]
    [InlineData(TcpState.CloseWait, "CLOSE-WAIT")]
    [InlineData(TcpState.LastAck, "LAST-ACK")]
    [InlineData(TcpState.Listen, "LISTEN")]
    [InlineData(TcpState.Closing, "CLOSING")]
    [InlineData((TcpState)12, "12")]
    public void StateName_IsHowSsWritesIt(TcpState state, string name)
    {
        var entry = new TcpTable.Entry(new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 2), state);

        Assert.Equal(name, entry.StateName);
    }

    [Fact]
    public void Parse_Tcp6Lines_AndLinesShortOfAState_AndBadStates()
    {
        const string text = """
              sl  local_address                         remote_address                        st
               0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000
               1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000
               2: 0100007F:1F90 00000000:0000 ZZ 00000000:00000000
               3: 0100007F:1F90 nonsense 0A 00000000:00000000
               4: nonsense 00000000:0000 0A 00000000:00000000
            """;

        var entry = Assert.Single(TcpTable.Parse(text));

        Assert.Equal(("[::1]:8080", "[::]:0", TcpState.Listen), (entry.Local.ToString(), entry.Remote.ToString(), entry.State));
        Assert.Empty(TcpTable.Parse("0: 0100007F:1F90 00000000:0000 0A")); // the first line is the header
        Assert.Throws<ArgumentNullException>(() => TcpTable.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => TcpTable.ProcAddress(null!));
    }

    [Fact]
    public void Involving_ListsListenersFirst_ThenByLocalPort_WithSsStateNames()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        BindBelow(client, port); // so that ordering by port alone would put the client before the listener
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();

        var table = TcpTable.Involving(port);

        Assert.Equal(["Local", "Remote", "State"], table.Columns);
        Assert.Equal(
            [
                ($"127.0.0.1:{port}", "0.0.0.0:0", "LISTEN"),
                .. new[]
                {
                    ($"127.0.0.1:{port}", client.LocalEndPoint!.ToString()!, "ESTABLISHED"),
                    (client.LocalEndPoint!.ToString()!, $"127.0.0.1:{port}", "ESTABLISHED"),
                }.OrderBy(r => int.Parse(r.Item1.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)),
            ],
            table.Rows.Select(r => (r[0], r[1], r[2])));
    }

    private static void BindBelow(Socket socket, int port)
    {
        for (var candidate = port - 1; candidate > 1024; candidate--)
        {
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, candidate));
                return;
            }
            catch (SocketException)
            {
                // taken: the next one down
            }
        }
        Assert.Fail($"no free port below {port}");
    }

    [Fact]
    public void StateOf_AConnectionTheKernelDoesNotHave_IsNull()
    {
        Assert.Null(TcpTable.StateOf(new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 1)));
    }

    [Fact]
    public void StateOf_AnIPv6Connection_IsFound()
    {
        using var pair = ConnectedPair.Tcp(ipv6: true);

        Assert.Equal(TcpState.Established, TcpTable.StateOf((System.Net.IPEndPoint)pair.Client.LocalEndPoint!, (System.Net.IPEndPoint)pair.Client.RemoteEndPoint!));
    }

    [Fact]
    public void StateOf_TellsApartConnectionsThatShareALocalEndPoint()
    {
        // A listener and the connections it accepted all have the listener's address and port.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen();
        using var first = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        using var second = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        first.Connect(listener.LocalEndPoint!);
        second.Connect(listener.LocalEndPoint!);
        using var firstServed = listener.Accept();
        using var secondServed = listener.Accept();
        first.Shutdown(System.Net.Sockets.SocketShutdown.Send); // the server's end of the first now waits to close
        var local = (System.Net.IPEndPoint)listener.LocalEndPoint!;

        Assert.Equal(TcpState.Established, TcpTable.StateOf(local, (System.Net.IPEndPoint)second.LocalEndPoint!));
        Assert.True(SpinWait.SpinUntil(() => TcpTable.StateOf(local, (System.Net.IPEndPoint)first.LocalEndPoint!) == TcpState.CloseWait, TimeSpan.FromSeconds(10)));
    }
}
