using NetworkingLessons.ByteOrder;

namespace NetworkingLessons.Tests.ByteOrder;

public sealed class NetworkOrderTests
{
    [Fact]
    public void HostToNetwork_TheTutorialsNumbers()
    {
        // The seed's example: socket.htonl(1234) is 3523477504 and socket.htons(1234) is 53764 on a little-endian machine.
        Assert.Equal(BitConverter.IsLittleEndian ? 3523477504u : 1234u, NetworkOrder.HostToNetwork(1234u));
        Assert.Equal(BitConverter.IsLittleEndian ? (ushort)53764 : (ushort)1234, NetworkOrder.HostToNetwork((ushort)1234));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1234u)]
    [InlineData(0xC0A80001u)]
    [InlineData(uint.MaxValue)]
    public void NetworkToHost_UndoesHostToNetwork(uint value)
    {
        Assert.Equal(value, NetworkOrder.NetworkToHost(NetworkOrder.HostToNetwork(value)));
        Assert.Equal(value, NetworkOrder.HostToNetwork(NetworkOrder.HostToNetwork(value))); // its own inverse
    }

    [Fact]
    public void HostToNetwork_MatchesDotNetsIPAddressHelper()
    {
        Assert.Equal(System.Net.IPAddress.HostToNetworkOrder(1234), unchecked((int)NetworkOrder.HostToNetwork(1234u)));
        Assert.Equal(System.Net.IPAddress.HostToNetworkOrder(0x0102030405060708L), (long)NetworkOrder.HostToNetwork(0x0102030405060708UL));
    }
}
