using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Services;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Services;

/// <summary>The edges of the services database's, the ports', and the protocol table's rules.</summary>
public sealed class ServiceRulesTests
{
    [Theory]
    [InlineData("max 65535/tcp", 65535)]
    [InlineData("zero 0/udp", 0)]
    public void ParseLine_TheEdgesOfThePortRange_AreKept(string line, int port) => Assert.Equal(port, ServiceDatabase.ParseLine(line)!.Port);

    [Theory]
    [InlineData("over 65536/tcp")]
    [InlineData("signed +80/tcp")]
    [InlineData("spaced 80 /tcp")]
    [InlineData("two 80/tcp/udp")]
    [InlineData("onlyaname")]
    [InlineData("# 80/tcp")]
    public void ParseLine_NotAServiceLine_IsNull(string line) => Assert.Null(ServiceDatabase.ParseLine(line));

    [Fact]
    public void ParseLine_TransportInCapitals_IsLowered()
    {
        var entry = ServiceDatabase.ParseLine("Web 80/TCP www http-alt")!;

        Assert.Equal(new ServiceEntry("Web", 80, "tcp", ["www", "http-alt"]), entry);
        Assert.Equal("Web 80/tcp www http-alt", entry.ToString());
        Assert.Equal("ssh 22/tcp", ServiceDatabase.ParseLine("ssh 22/tcp")!.ToString());
    }

    [Fact]
    public void ServiceEntry_EqualsOnlyWhenEveryPartIs()
    {
        var entry = new ServiceEntry("http", 80, "tcp", ["www"]);

        Assert.Equal(entry, new ServiceEntry("http", 80, "tcp", ["www"]));
        Assert.NotEqual(entry, new ServiceEntry("web", 80, "tcp", ["www"]));
        Assert.NotEqual(entry, new ServiceEntry("http", 81, "tcp", ["www"]));
        Assert.NotEqual(entry, new ServiceEntry("http", 80, "udp", ["www"]));
        Assert.NotEqual(entry, new ServiceEntry("http", 80, "tcp", []));
        Assert.False(entry.Equals(null));
        Assert.Equal(entry.GetHashCode(), new ServiceEntry("http", 80, "tcp", ["www"]).GetHashCode());
    }

    [Fact]
    public void Parse_WithoutProtocolsText_UsesTheBuiltInOnesAndSaysSo()
    {
        var db = ServiceDatabase.Parse("ssh 22/tcp", source: "mine");

        Assert.Equal(("mine", ServiceDatabase.BuiltIn), (db.ServicesSource, db.ProtocolsSource));
        Assert.Equal(17, db.GetProtocolNumber("udp"));
        var own = ServiceDatabase.Parse("ssh 22/tcp", "tcp 6 TCP\nbig 256 BIG\nnumberless x X\nalone\nzero 0\nreserved 255\n", "mine");
        Assert.Equal("mine", own.ProtocolsSource);
        Assert.Equal(["tcp", "zero", "reserved"], own.Protocols.Select(p => p.Name));
        Assert.Equal(6, own.GetProtocolNumber("TCP"));
        Assert.Throws<ServiceNotFoundException>(() => own.GetProtocolNumber("udp"));
    }

    [Fact]
    public void Load_EachFileFallsBackOnItsOwn()
    {
        var services = Path.GetTempFileName();
        var protocols = Path.GetTempFileName();
        File.WriteAllText(services, "mine 4242/tcp\n");
        File.WriteAllText(protocols, "own 99 OWN\n");
        try
        {
            var db = ServiceDatabase.Load(services, "/nonexistent/protocols");
            var both = ServiceDatabase.Load("/nonexistent/services", protocols);

            Assert.Equal((services, ServiceDatabase.BuiltIn), (db.ServicesSource, db.ProtocolsSource));
            Assert.Equal(4242, db.GetPortByName("mine"));
            Assert.Equal((ServiceDatabase.BuiltIn, protocols), (both.ServicesSource, both.ProtocolsSource));
            Assert.Equal(99, both.GetProtocolNumber("OWN"));
        }
        finally
        {
            File.Delete(services);
            File.Delete(protocols);
        }
    }

    [Fact]
    public void Lookups_BadArguments_AreRefusedByName()
    {
        var db = ServiceDatabase.Parse("ssh 22/tcp", source: "mine");

        Assert.Equal("name", Assert.Throws<ArgumentException>(() => db.GetPortByName(" ")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => db.GetProtocolNumber("")).ParamName);
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => db.GetPortByName("ssh", null!)).ParamName);
        Assert.Equal("line", Assert.Throws<ArgumentNullException>(() => ServiceDatabase.ParseLine(null!)).ParamName);
        Assert.Equal("servicesText", Assert.Throws<ArgumentNullException>(() => ServiceDatabase.Parse(null!)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => db.TryGetNameByPort(65536, "tcp", out _));
        var missing = Assert.Throws<ServiceNotFoundException>(() => db.GetNameByPort(23, "udp"));
        Assert.Contains("No service listed for port 23/udp in mine.", missing.Message, StringComparison.Ordinal);
        Assert.False(db.TryGetNameByPort(22, "udp", out var none));
        Assert.Equal("", none);
    }

    [Fact]
    public void Ports_FallbacksSayWhereTheirNumbersComeFrom()
    {
        Assert.Equal((Ports.Reserved, "the classic rule (IPPORT_RESERVED); this system does not say"), Ports.UnprivilegedStart("/nonexistent"));
        Assert.Equal((49152, Ports.Max, "IANA's suggested range (RFC 6335); this system does not say"), Ports.EphemeralRange("/nonexistent"));
    }

    [Fact]
    public void Ports_Listening_SortedByPort_TcpAndUdpBoth_WithTheDatabasesNames()
    {
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcp.Listen();
        var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, port)); // the same number: a TCP port and a UDP port are different ports
        var text = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var db = ServiceDatabase.Parse($"mine {text}/tcp\n", source: "mine");

        var rows = Ports.Listening(db).Rows;

        var ours = rows.Where(r => r[2] == text && r[1] == "127.0.0.1").ToList();
        Assert.Equal([["tcp", "127.0.0.1", text, "mine"], ["udp", "127.0.0.1", text, ""]], ours);
        var ports = rows.Select(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ports.Order(), ports);
    }

    [Fact]
    public void WellKnownPorts_AgreeWithTheServicesDatabase()
    {
        var db = ServiceDatabase.Load("/nonexistent/services"); // the built-in table: the same on every machine
        foreach (var row in WellKnownPorts.All)
        {
            var ports = row.Ports.Split(", ").Select(int.Parse).ToList();
            foreach (var transport in row.Transport.Split(", "))
            {
                Assert.All(ports, p => Assert.True(db.TryGetNameByPort(p, transport, out _), $"{row.Protocol}: {p}/{transport} is not in the services table"));
            }
        }
        Assert.Equal(["Protocol", "Port", "Transport", "Purpose", "Python", "NET"], WellKnownPorts.Table().Columns);
        Assert.Equal(WellKnownPorts.All.Count, WellKnownPorts.Table().Rows.Count);
    }

    [Fact]
    public void WellKnownPorts_NoCellIsBlank_AndNoPurposeRepeats()
    {
        // Where there is no module or class the table says "none", so a blank cell is always a slip.
        Assert.All(WellKnownPorts.All, r => Assert.All(new[] { r.Protocol, r.Ports, r.Transport, r.Purpose, r.Python, r.DotNet },
            cell => Assert.False(string.IsNullOrWhiteSpace(cell), $"{r.Protocol}: a blank cell")));
        Assert.Equal(WellKnownPorts.All.Count, WellKnownPorts.All.Select(r => r.Purpose).Distinct().Count());
        Assert.Equal(WellKnownPorts.All.Count, WellKnownPorts.All.Select(r => r.Protocol).Distinct().Count());
    }

    [Fact]
    public void WellKnownPorts_TheDotNetClassesNamed_Exist()
    {
        Type[] named = [typeof(System.Net.Mail.SmtpClient), typeof(Dns), typeof(System.Net.Http.HttpClient), typeof(System.Net.Security.SslStream), typeof(UdpClient), typeof(TcpClient)];
#pragma warning disable SYSLIB0014 // named as obsolete, which it is
        named = [.. named, typeof(FtpWebRequest)];
#pragma warning restore SYSLIB0014
        var text = string.Join(" ", WellKnownPorts.All.Select(r => r.DotNet));
        foreach (var type in named)
        {
            Assert.Contains(type.Name, text, StringComparison.Ordinal);
        }
        Assert.All(WellKnownPorts.All, r => Assert.False(string.IsNullOrWhiteSpace(r.DotNet)));
    }

    [PeerFact(Peer.Python)]
    public async Task WellKnownPorts_ThePythonModulesNamed_ImportToday()
    {
        // The modules the table names as today's (Python 2's names and removed ones are marked so in it).
        string[] modules = ["ftplib", "urllib", "smtplib", "socket", "http.client", "xmlrpc.client", "poplib", "imaplib", "ssl"];
        var text = string.Join(" ", WellKnownPorts.All.Select(r => r.Python));
        Assert.All(modules, m => Assert.Contains(m, text, StringComparison.Ordinal));

        var (code, _, stderr) = await Peers.RunAsync("python3", ["-c", "import " + string.Join(", ", modules)]);

        Assert.True(code == 0, stderr);
    }
}
