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
}
