namespace NetworkingLessons.Services;

/// <summary>The table of well-known protocols the Python tutorials show, with SSH, DNS, NTP and HTTPS added.</summary>
public static class WellKnownPorts
{
    /// <summary>Protocol, port(s), transport, and what it is for.</summary>
    public static readonly IReadOnlyList<(string Protocol, string Ports, string Transport, string Purpose)> All =
    [
        ("FTP", "20, 21", "tcp", "file transfer (20 data, 21 commands)"),
        ("SSH", "22", "tcp", "remote login, encrypted"),
        ("Telnet", "23", "tcp", "remote login, in clear text"),
        ("SMTP", "25", "tcp", "sending mail between servers"),
        ("DNS", "53", "udp, tcp", "names to addresses"),
        ("Gopher", "70", "tcp", "documents, before the web"),
        ("HTTP", "80", "tcp", "web pages"),
        ("POP3", "110", "tcp", "fetching mail"),
        ("NNTP", "119", "tcp", "news groups"),
        ("NTP", "123", "udp", "clock synchronisation"),
        ("IMAP4", "143", "tcp", "reading mail on the server"),
        ("HTTPS", "443", "tcp", "web pages over TLS"),
    ];

    /// <summary>The table, for a notebook.</summary>
    public static Display.Table Table() =>
        Display.Table.Of(All.Select(p => new { p.Protocol, Port = p.Ports, p.Transport, p.Purpose }));
}
