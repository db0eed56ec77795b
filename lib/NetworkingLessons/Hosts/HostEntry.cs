using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Hosts;

/// <summary>
/// What a lookup found, as Python's <c>gethostbyname_ex</c> returns it (canonical name, aliases,
/// addresses), with IPv6 addresses kept apart from IPv4 ones.
/// </summary>
/// <param name="CanonicalName">The name the resolver calls the host.</param>
/// <param name="Aliases">Other names for it.</param>
/// <param name="Addresses">Every address, in the order the resolver gave them.</param>
/// <param name="Source">Who answered: the hosts file, DNS (the system resolver), or the address itself.</param>
public sealed record HostEntry(string CanonicalName, IReadOnlyList<string> Aliases, IReadOnlyList<IPAddress> Addresses, string Source)
{
    /// <summary>Two entries are equal when they have the same names, the same addresses in the same order, and the same source.</summary>
    public bool Equals(HostEntry? other) =>
        other is not null && CanonicalName == other.CanonicalName && Source == other.Source
        && Aliases.SequenceEqual(other.Aliases) && Addresses.SequenceEqual(other.Addresses);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CanonicalName, Source, Addresses.Count);

    /// <summary>The IPv4 addresses: what <c>gethostbyname_ex</c> lists.</summary>
    public IReadOnlyList<IPAddress> IPv4 => [.. Addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork)];

    /// <summary>The IPv6 addresses, which <c>gethostbyname_ex</c> leaves out.</summary>
    public IReadOnlyList<IPAddress> IPv6 => [.. Addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6)];

    /// <summary>"(canonical, [aliases], [IPv4 addresses])", as Python prints the triple.</summary>
    public string ToPythonTuple() =>
        $"('{CanonicalName}', [{string.Join(", ", Aliases.Select(a => $"'{a}'"))}], [{string.Join(", ", IPv4.Select(a => $"'{a}'"))}])";

    /// <summary>A table of the entry's fields.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => Display.Table.Of(
    [
        new { Field = "Canonical name", Value = CanonicalName },
        new { Field = "Aliases", Value = Aliases.Count == 0 ? "(none)" : string.Join(", ", Aliases) },
        new { Field = "IPv4", Value = IPv4.Count == 0 ? "(none)" : string.Join(", ", IPv4) },
        new { Field = "IPv6", Value = IPv6.Count == 0 ? "(none)" : string.Join(", ", IPv6) },
        new { Field = "Answered by", Value = Source },
    ]).ToMimeBundle();
}
