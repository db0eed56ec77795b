using System.Net.Sockets;
using NetworkingLessons.Options;

namespace NetworkingLessons.Tests.Options;

public sealed class SocketOptionValuesTests
{
    private static string Setting(Socket socket, string option) => SocketOptionValues.Of(socket).Single(v => v.Option == option).Setting;

    [Fact]
    public void Of_FreshTcpSocket_HasNagleOnAndTheFlagsOff()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        Assert.Equal("0 (off)", Setting(socket, "TCP_NODELAY"));
        Assert.Equal("0 (off)", Setting(socket, "SO_REUSEADDR"));
        Assert.Equal("0 (off)", Setting(socket, "SO_REUSEPORT"));
        Assert.Equal("0 (off)", Setting(socket, "SO_KEEPALIVE"));
        Assert.Equal("off, 0 s", Setting(socket, "SO_LINGER"));
        Assert.Equal("IPPROTO_TCP", SocketOptionValues.Of(socket).Single(v => v.Option == "TCP_NODELAY").Level);
    }

    [Fact]
    public void Of_AfterSetting_ReadsEachOptionBack()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 4);
        socket.LingerState = new LingerOption(true, 0);

        Assert.Equal("1 (on)", Setting(socket, "TCP_NODELAY"));
        Assert.Equal("1 (on)", Setting(socket, "SO_REUSEADDR"));
        Assert.Equal("1 (on)", Setting(socket, "SO_REUSEPORT")); // .NET's ReuseAddress sets both
        Assert.Equal("1 (on)", Setting(socket, "SO_KEEPALIVE"));
        Assert.Equal(("30 s", "5 s", "4"), (Setting(socket, "TCP_KEEPIDLE"), Setting(socket, "TCP_KEEPINTVL"), Setting(socket, "TCP_KEEPCNT")));
        Assert.Equal("on, 0 s", Setting(socket, "SO_LINGER"));
    }

    [Fact]
    public void Of_BufferSizes_AreWhatTheSystemReports()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SendBufferSize = 4096;
        socket.ReceiveBufferSize = 4096;

        // Linux doubles what it is given (socket(7)); other systems report the size asked for.
        var expected = OperatingSystem.IsLinux() ? "8192" : "4096";
        Assert.Equal((expected, expected), (Setting(socket, "SO_SNDBUF"), Setting(socket, "SO_RCVBUF")));
        Assert.Equal(socket.SendBufferSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Setting(socket, "SO_SNDBUF"));
    }

    [Fact]
    public void Of_UdpSocket_HasNoTcpOptions()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        var options = SocketOptionValues.Of(socket).Select(v => v.Option).ToList();

        Assert.Equal(["SO_SNDBUF", "SO_RCVBUF", "SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_LINGER"], options);
    }

    [Fact]
    public void Compare_MarksOnlyTheOptionsThatChanged()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var table = SocketOptionValues.Compare(socket, s => s.NoDelay = true);

        var text = table.ToString();
        var changed = text.Split('\n').Where(line => line.Contains("changed", StringComparison.Ordinal)).ToList();
        Assert.Single(changed);
        Assert.Contains("TCP_NODELAY", changed[0], StringComparison.Ordinal);
        Assert.Contains("0 (off)", changed[0], StringComparison.Ordinal);
        Assert.Contains("1 (on)", changed[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Of_TcpSocket_NamesEachOptionAndItsLevelAsC_Does()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var options = SocketOptionValues.Of(socket).Select(v => (v.Option, v.Level));

        Assert.Equal(
            [
                ("SO_SNDBUF", "SOL_SOCKET"), ("SO_RCVBUF", "SOL_SOCKET"), ("SO_REUSEADDR", "SOL_SOCKET"), ("SO_REUSEPORT", "SOL_SOCKET"), ("SO_KEEPALIVE", "SOL_SOCKET"),
                ("SO_LINGER", "SOL_SOCKET"), ("TCP_NODELAY", "IPPROTO_TCP"), ("TCP_KEEPIDLE", "IPPROTO_TCP"), ("TCP_KEEPINTVL", "IPPROTO_TCP"),
                ("TCP_KEEPCNT", "IPPROTO_TCP"),
            ],
            options);
    }

    [Fact]
    public void Of_LingerEnabledForSeconds_ReadsOnAndTheSeconds()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.LingerState = new LingerOption(true, 7);

        Assert.Equal("on, 7 s", Setting(socket, "SO_LINGER"));
    }

    [Fact]
    public void Compare_LeavesTheUnchangedRowsBlankInTheChangedColumn()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var table = SocketOptionValues.Compare(socket, s => s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true));

        Assert.Equal(["Option", "Level", "Before", "After", "Changed"], table.Columns);
        Assert.Equal(["SO_KEEPALIVE"], table.Rows.Where(r => r[4] == "changed").Select(r => r[0]));
        Assert.All(table.Rows.Where(r => r[0] != "SO_KEEPALIVE"), r => Assert.Equal("", r[4]));
    }

    [Fact]
    public void Read_ShowsFlagsAsOnOrOff_NumbersInvariantly_AndAMissingOptionAsNotAvailable()
    {
        Assert.Equal("1 (on)", SocketOptionValues.Read(() => true));
        Assert.Equal("0 (off)", SocketOptionValues.Read(() => false));
        Assert.Equal("65536", SocketOptionValues.Read(() => 65_536));
        Assert.Equal("", SocketOptionValues.Read(() => null));
        Assert.Equal("", SocketOptionValues.Read(() => new Unprintable()));
        Assert.Equal("not available (ProtocolOption)", SocketOptionValues.Read(() => throw new SocketException((int)SocketError.ProtocolOption)));
    }

    private sealed class Unprintable
    {
        public override string? ToString() => null;
    }

    [Fact]
    public void OfAndCompare_NoSocket_Throw()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Throws<ArgumentNullException>(() => SocketOptionValues.Of(null!));
        Assert.Throws<ArgumentNullException>(() => SocketOptionValues.Compare(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => SocketOptionValues.Compare(socket, null!));
    }

    [Fact]
    public void Bind_OfATcpSocket_TurnsTheKernelsReuseAddrOn_AndLeavesReusePortOff()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var after = SocketOptionValues.Compare(socket, s => s.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0))).ToString();

        var changed = after.Split('\n').Where(line => line.Contains("changed", StringComparison.Ordinal)).ToList();
        Assert.Contains("SO_REUSEADDR", Assert.Single(changed), StringComparison.Ordinal);
        Assert.Equal("0 (off)", Setting(socket, "SO_REUSEPORT"));
    }

    [Fact]
    public void Bind_OfAUdpSocket_LeavesReuseAddrOff()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));

        Assert.Equal("0 (off)", Setting(socket, "SO_REUSEADDR"));
    }
}
