using System.Net;

namespace NetworkingLessons.Addresses;

/// <summary>Says which special range, if any, an address belongs to, using .NET's <see cref="IPNetwork"/>.</summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Network, AddressKind Kind)[] Ranges =
    [
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("fc00::/7"), AddressKind.Private),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
        (IPNetwork.Parse("192.0.2.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("198.51.100.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("2001:db8::/32"), AddressKind.Documentation),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.SharedAddressSpace),
    ];

    /// <summary>The kind of <paramref name="address"/>; an IPv4-mapped IPv6 address is judged by its IPv4 part.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return AddressKind.Unspecified;
        }
        if (address.Equals(IPAddress.Broadcast))
        {
            return AddressKind.Broadcast;
        }
        foreach (var (network, kind) in Ranges)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }
        return AddressKind.Global;
    }

    /// <summary>A table of addresses and their kinds.</summary>
    public static Display.Table Describe(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return Display.Table.Of(addresses.Select(a => IPAddress.Parse(a)).Select(a => new { Address = a, Kind = Classify(a) }));
    }
}
