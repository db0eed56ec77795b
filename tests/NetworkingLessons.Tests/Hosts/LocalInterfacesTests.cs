using System.Net.NetworkInformation;
using NetworkingLessons.Hosts;

namespace NetworkingLessons.Tests.Hosts;

public sealed class LocalInterfacesTests
{
    [Fact]
    public void All_HasTheLoopbackFirstWithItsAddress()
    {
        var all = LocalInterfaces.All();

        var loopback = all[0];
        Assert.Equal("Loopback", loopback.Kind);
        Assert.Contains("127.0.0.1/8", loopback.IPv4, StringComparison.Ordinal);
        Assert.Equal(NetworkInterface.GetAllNetworkInterfaces().Length, all.Count);
    }

    [Fact]
    public void All_AfterTheLoopback_IsInNameOrder()
    {
        var rest = LocalInterfaces.All().Where(i => i.Kind != "Loopback").Select(i => i.Name).ToList();

        Assert.Equal(rest.Order(StringComparer.Ordinal), rest);
    }

    [Fact]
    public void Table_HasAColumnPerField()
    {
        Assert.Equal(["Name", "Kind", "Status", "IPv4", "IPv6"], LocalInterfaces.Table().Columns);
    }
}
