using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Sockets;

public sealed class SocketKindsTests
{
    [Fact]
    public void All_StreamIsTcpAndDatagramIsUdp()
    {
        var kinds = SocketKinds.All();

        Assert.Equal(6, kinds.Count);
        Assert.Equal("Tcp", kinds.Single(k => k.Family.StartsWith("InterNetwork (", StringComparison.Ordinal) && k.Type.StartsWith("Stream", StringComparison.Ordinal)).Protocol);
        Assert.Equal("Udp", kinds.Single(k => k.Family.StartsWith("InterNetworkV6", StringComparison.Ordinal) && k.Type.StartsWith("Dgram", StringComparison.Ordinal)).Protocol);
        Assert.All(kinds.Where(k => k.Family.StartsWith("Unix", StringComparison.Ordinal)), k => Assert.StartsWith("(none", k.Protocol, StringComparison.Ordinal));
    }

    [Fact]
    public void All_NamesEachFamilyAndTypeAsPythonAndCDo_InOrder()
    {
        var kinds = SocketKinds.All();

        Assert.Equal(
            [
                ("InterNetwork (AF_INET)", "Stream (SOCK_STREAM)", "Tcp"),
                ("InterNetwork (AF_INET)", "Dgram (SOCK_DGRAM)", "Udp"),
                ("InterNetworkV6 (AF_INET6)", "Stream (SOCK_STREAM)", "Tcp"),
                ("InterNetworkV6 (AF_INET6)", "Dgram (SOCK_DGRAM)", "Udp"),
                ("Unix (AF_UNIX)", "Stream (SOCK_STREAM)", "(none: a Unix socket has no IP protocol)"),
                ("Unix (AF_UNIX)", "Dgram (SOCK_DGRAM)", "(none: a Unix socket has no IP protocol)"),
            ],
            kinds.Select(k => (k.Family, k.Type, k.Protocol)));
    }

    [Fact]
    public void Table_HasARowPerKind_UnderTheRecordsNames()
    {
        var table = SocketKinds.Table();

        Assert.Equal(["Family", "Type", "Protocol"], table.Columns);
        Assert.Equal(SocketKinds.All().Select(k => k.Protocol), table.Rows.Select(r => r[2]));
    }
}
