namespace NetworkingLessons.Services;

/// <summary>One line of the services database: a name, its port and transport protocol, and other names for it.</summary>
/// <param name="Name">The service's name, e.g. "ssh".</param>
/// <param name="Port">Its port, 0–65535.</param>
/// <param name="Protocol">The transport: tcp, udp, sctp or dccp.</param>
/// <param name="Aliases">Other names, e.g. "www" for http.</param>
public sealed record ServiceEntry(string Name, int Port, string Protocol, IReadOnlyList<string> Aliases)
{
    /// <summary>Equal when every field is, aliases compared in order.</summary>
    public bool Equals(ServiceEntry? other) =>
        other is not null && Name == other.Name && Port == other.Port && Protocol == other.Protocol && Aliases.SequenceEqual(other.Aliases);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Port, Protocol);

    /// <summary>"ssh 22/tcp", with aliases after.</summary>
    public override string ToString() => $"{Name} {Port}/{Protocol}{(Aliases.Count > 0 ? " " + string.Join(" ", Aliases) : "")}";
}

/// <summary>One line of the protocols database: an IP protocol's name and number.</summary>
/// <param name="Name">The name, e.g. "tcp".</param>
/// <param name="Number">The number in the IP header, e.g. 6.</param>
/// <param name="Aliases">Other names, e.g. "TCP".</param>
public sealed record ProtocolEntry(string Name, int Number, IReadOnlyList<string> Aliases);
