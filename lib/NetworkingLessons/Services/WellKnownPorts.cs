namespace NetworkingLessons.Services;

/// <summary>
/// The table of well-known protocols the Python tutorials show (with SSH, DNS, NTP and HTTPS
/// added): the port, what it is for, the Python module the tutorials name (Python 2's names, with
/// today's), and the .NET class that speaks it, if there is one.
/// </summary>
public static class WellKnownPorts
{
    /// <summary>Protocol, port(s), transport, purpose, Python module, .NET class.</summary>
    public static readonly IReadOnlyList<(string Protocol, string Ports, string Transport, string Purpose, string Python, string DotNet)> All =
    [
        ("FTP", "20, 21", "tcp", "file transfer (20 data, 21 commands)", "ftplib, urllib", "FtpWebRequest (obsolete since .NET 6)"),
        ("SSH", "22", "tcp", "remote login, encrypted", "none (paramiko, a package)", "none (SSH.NET, a package)"),
        ("Telnet", "23", "tcp", "remote login, in clear text", "telnetlib (removed in 3.13)", "none: TcpClient and the protocol by hand"),
        ("SMTP", "25", "tcp", "sending mail between servers", "smtplib", "System.Net.Mail.SmtpClient"),
        ("DNS", "53", "udp, tcp", "names to addresses", "socket.getaddrinfo", "System.Net.Dns"),
        ("Gopher", "70", "tcp", "documents, before the web", "gopherlib (long gone), urllib", "none"),
        ("HTTP", "80", "tcp", "web pages", "httplib (http.client), urllib, xmlrpclib (xmlrpc.client)", "System.Net.Http.HttpClient"),
        ("POP3", "110", "tcp", "fetching mail", "poplib", "none (MailKit, a package)"),
        ("NNTP", "119", "tcp", "news groups", "nntplib (removed in 3.13)", "none"),
        ("NTP", "123", "udp", "clock synchronisation", "none (ntplib, a package)", "none: lesson 09 writes one on UdpClient"),
        ("IMAP4", "143", "tcp", "reading mail on the server", "imaplib", "none (MailKit, a package)"),
        ("HTTPS", "443", "tcp", "web pages over TLS", "http.client with ssl", "HttpClient; SslStream underneath"),
    ];

    /// <summary>The table, for a notebook.</summary>
    public static Display.Table Table() =>
        Display.Table.Of(All.Select(p => new { p.Protocol, Port = p.Ports, p.Transport, p.Purpose, Python = p.Python, NET = p.DotNet }));
}
