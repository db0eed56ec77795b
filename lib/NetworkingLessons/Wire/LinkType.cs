namespace NetworkingLessons.Wire;

/// <summary>How a captured packet's bytes begin: the pcap link types (LINKTYPE_* in tcpdump's list) this course reads.</summary>
public enum LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing machine's byte order (macOS <c>lo0</c>).</summary>
    Null = 0,
    /// <summary>An Ethernet header (14 bytes); Linux gives its loopback one, with zero addresses.</summary>
    Ethernet = 1,
    /// <summary>The IP header first, no link header.</summary>
    Raw = 101,
    /// <summary>Linux "cooked" capture (<c>tcpdump -i any</c>): a 16-byte header.</summary>
    LinuxCooked = 113,
}
