namespace NetworkingLessons.Addresses;

/// <summary>What an address is for, by the range it falls in.</summary>
public enum AddressKind
{
    /// <summary>Anywhere on the internet.</summary>
    Global,
    /// <summary>This machine: 127.0.0.0/8, ::1.</summary>
    Loopback,
    /// <summary>Private networks (RFC 1918: 10/8, 172.16/12, 192.168/16; IPv6 unique local fc00::/7).</summary>
    Private,
    /// <summary>The local link only: 169.254/16, fe80::/10.</summary>
    LinkLocal,
    /// <summary>A group of receivers: 224.0.0.0/4, ff00::/8.</summary>
    Multicast,
    /// <summary>Reserved for examples in documents (RFC 5737, RFC 3849): 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32.</summary>
    Documentation,
    /// <summary>No address at all: 0.0.0.0, ::.</summary>
    Unspecified,
    /// <summary>Everyone on this network: 255.255.255.255.</summary>
    Broadcast,
    /// <summary>Shared address space for carrier-grade NAT (RFC 6598): 100.64.0.0/10.</summary>
    SharedAddressSpace,
}
