using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace NetworkingLessons.Hosts;

/// <summary>
/// This machine's network interfaces and their addresses, as <c>ifconfig</c> or <c>ip address</c>
/// show them (and what the tutorials' <c>hostname -i</c> looks up): .NET's
/// <see cref="NetworkInterface.GetAllNetworkInterfaces"/>, one row each.
/// </summary>
public static class LocalInterfaces
{
    /// <summary>One interface: its name, kind, state and addresses.</summary>
    /// <param name="Name">The system's name for it (<c>lo</c>, <c>eth0</c>, <c>wlan0</c>).</param>
    /// <param name="Kind">Loopback, Ethernet, wireless, tunnel….</param>
    /// <param name="Status">Up or down.</param>
    /// <param name="IPv4">Its IPv4 addresses with their prefix lengths, in CIDR form.</param>
    /// <param name="IPv6">Its IPv6 addresses with their prefix lengths.</param>
    public sealed record Interface(string Name, string Kind, string Status, string IPv4, string IPv6);

    /// <summary>Every interface, loopback first, then by name.</summary>
    public static IReadOnlyList<Interface> All() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .OrderBy(n => n.NetworkInterfaceType == NetworkInterfaceType.Loopback ? 0 : 1)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(Describe)];

    /// <summary>The interfaces as a table.</summary>
    public static Display.Table Table() => Display.Table.Of(All());

    private static Interface Describe(NetworkInterface nic)
    {
        var addresses = nic.GetIPProperties().UnicastAddresses;
        string Of(AddressFamily family) => string.Join(", ", addresses
            .Where(a => a.Address.AddressFamily == family)
            .Select(a => $"{a.Address}/{a.PrefixLength}"));
        return new Interface(nic.Name, nic.NetworkInterfaceType.ToString(), nic.OperationalStatus.ToString(),
            Of(AddressFamily.InterNetwork), Of(AddressFamily.InterNetworkV6));
    }
}
