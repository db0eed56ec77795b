using System.Globalization;

namespace NetworkingLessons.Services;

/// <summary>
/// The services and protocols databases: what Python's <c>getservbyname</c>, <c>getservbyport</c>
/// and <c>getprotobyname</c> consult. Read from <c>/etc/services</c> and <c>/etc/protocols</c> when
/// they exist (any whitespace, <c>#</c> comments, aliases; lines for unknown transports skipped),
/// from a built-in table when they do not (Windows, minimal containers). <see cref="ServicesSource"/>
/// and <see cref="ProtocolsSource"/> say which answered.
/// </summary>
public sealed class ServiceDatabase
{
    /// <summary>Where Unix systems keep the services database.</summary>
    public const string DefaultServicesPath = "/etc/services";

    /// <summary>Where Unix systems keep the protocols database.</summary>
    public const string DefaultProtocolsPath = "/etc/protocols";

    /// <summary>What <see cref="ServicesSource"/> and <see cref="ProtocolsSource"/> say when the built-in table answered.</summary>
    public const string BuiltIn = "the built-in table";

    /// <summary>The transport protocols a service line may name; lines with others are skipped.</summary>
    public static readonly IReadOnlyList<string> Transports = ["tcp", "udp", "sctp", "dccp"];

    private ServiceDatabase(IReadOnlyList<ServiceEntry> services, string servicesSource, IReadOnlyList<ProtocolEntry> protocols, string protocolsSource)
    {
        Services = services;
        ServicesSource = servicesSource;
        Protocols = protocols;
        ProtocolsSource = protocolsSource;
    }

    /// <summary>Every service entry, in file order.</summary>
    public IReadOnlyList<ServiceEntry> Services { get; }

    /// <summary>Every protocol entry, in file order.</summary>
    public IReadOnlyList<ProtocolEntry> Protocols { get; }

    /// <summary>The file the services came from, or <see cref="BuiltIn"/>.</summary>
    public string ServicesSource { get; }

    /// <summary>The file the protocols came from, or <see cref="BuiltIn"/>.</summary>
    public string ProtocolsSource { get; }

    /// <summary>Reads the system's databases, each falling back to the built-in table when its file is missing.</summary>
    public static ServiceDatabase Load(string servicesPath = DefaultServicesPath, string protocolsPath = DefaultProtocolsPath)
    {
        var (services, servicesSource) = File.Exists(servicesPath)
            ? (ParseServices(File.ReadAllText(servicesPath)), servicesPath)
            : (ParseServices(BuiltInServices), BuiltIn);
        var (protocols, protocolsSource) = File.Exists(protocolsPath)
            ? (ParseProtocols(File.ReadAllText(protocolsPath)), protocolsPath)
            : (ParseProtocols(BuiltInProtocols), BuiltIn);
        return new ServiceDatabase(services, servicesSource, protocols, protocolsSource);
    }

    /// <summary>A database from services-file text (and protocols-file text, or the built-in protocols).</summary>
    public static ServiceDatabase Parse(string servicesText, string? protocolsText = null, string source = "<text>")
    {
        ArgumentNullException.ThrowIfNull(servicesText);
        return new ServiceDatabase(ParseServices(servicesText), source,
            ParseProtocols(protocolsText ?? BuiltInProtocols), protocolsText is null ? BuiltIn : source);
    }

    /// <summary>One services-file line as an entry, or null for a blank or comment line, a malformed line, or an unknown transport.</summary>
    public static ServiceEntry? ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split('#', 2)[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2 || fields[1].Split('/') is not [var portText, var protocol]
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > Ports.Max
            || !Transports.Contains(protocol.ToLowerInvariant()))
        {
            return null;
        }
        return new ServiceEntry(fields[0], port, protocol.ToLowerInvariant(), fields[2..]);
    }

    /// <summary>The port of a service (Python's <c>getservbyname(name, protocol)</c>); aliases count.</summary>
    /// <exception cref="ServiceNotFoundException">No such service for that protocol.</exception>
    /// <exception cref="ArgumentException">The protocol is not tcp, udp, sctp or dccp.</exception>
    public int GetPortByName(string name, string protocol = "tcp")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var transport = CheckTransport(protocol);
        return Services.FirstOrDefault(s => s.Protocol == transport && (s.Name == name || s.Aliases.Contains(name)))?.Port
            ?? throw new ServiceNotFoundException($"{name}/{transport}", $"No service '{name}' for {transport} in {ServicesSource}.");
    }

    /// <summary>The name of the service on a port (Python's <c>getservbyport(port, protocol)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 0–65535.</exception>
    /// <exception cref="ServiceNotFoundException">No service is listed for that port and protocol.</exception>
    /// <exception cref="ArgumentException">The protocol is not tcp, udp, sctp or dccp.</exception>
    public string GetNameByPort(int port, string protocol = "tcp") =>
        TryGetNameByPort(Ports.Validate(port), protocol, out var name)
            ? name
            : throw new ServiceNotFoundException($"{port}/{protocol}", $"No service listed for port {port}/{protocol} in {ServicesSource}.");

    /// <summary>The name of the service on a port, or false when none is listed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 0–65535.</exception>
    /// <exception cref="ArgumentException">The protocol is not tcp, udp, sctp or dccp.</exception>
    public bool TryGetNameByPort(int port, string protocol, out string name)
    {
        Ports.Validate(port);
        var transport = CheckTransport(protocol);
        name = Services.FirstOrDefault(s => s.Port == port && s.Protocol == transport)?.Name ?? "";
        return name.Length > 0;
    }

    /// <summary>The number of an IP protocol (Python's <c>getprotobyname</c>): tcp is 6, udp 17, icmp 1.</summary>
    /// <exception cref="ServiceNotFoundException">No such protocol.</exception>
    public int GetProtocolNumber(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Protocols.FirstOrDefault(p => p.Name == name || p.Aliases.Contains(name))?.Number
            ?? throw new ServiceNotFoundException(name, $"No protocol '{name}' in {ProtocolsSource}.");
    }

    private static string CheckTransport(string protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var transport = protocol.ToLowerInvariant();
        return Transports.Contains(transport)
            ? transport
            : throw new ArgumentException($"'{protocol}' is not a transport protocol; expected {string.Join(", ", Transports)}.", nameof(protocol));
    }

    private static List<ServiceEntry> ParseServices(string text) =>
        [.. text.Split('\n').Select(ParseLine).OfType<ServiceEntry>()];

    private static List<ProtocolEntry> ParseProtocols(string text)
    {
        var entries = new List<ProtocolEntry>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split('#', 2)[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 255)
            {
                entries.Add(new ProtocolEntry(fields[0], number, fields[2..]));
            }
        }
        return entries;
    }

    // The common services, for systems without /etc/services; numbers from IANA's registry.
    private const string BuiltInServices = """
        echo        7/tcp
        echo        7/udp
        discard     9/tcp       sink null
        daytime     13/tcp
        ftp-data    20/tcp
        ftp         21/tcp
        ssh         22/tcp
        telnet      23/tcp
        smtp        25/tcp      mail
        time        37/tcp      timserver
        domain      53/tcp
        domain      53/udp
        gopher      70/tcp
        http        80/tcp      www
        pop3        110/tcp     pop-3
        nntp        119/tcp     readnews untp
        ntp         123/udp
        imap2       143/tcp     imap
        snmp        161/udp
        ldap        389/tcp
        https       443/tcp
        submission  587/tcp
        imaps       993/tcp
        pop3s       995/tcp
        """;

    private const string BuiltInProtocols = """
        ip          0   IP
        icmp        1   ICMP
        tcp         6   TCP
        udp         17  UDP
        ipv6-icmp   58  IPv6-ICMP
        sctp        132 SCTP
        """;
}
