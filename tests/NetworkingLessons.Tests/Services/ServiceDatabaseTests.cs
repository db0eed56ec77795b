using NetworkingLessons.Services;

namespace NetworkingLessons.Tests.Services;

public sealed class ServiceDatabaseTests
{
    private const string Sample = "# Network services, Internet style\n"
        + "ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol\n"
        + "http   80/tcp   www   # WorldWideWeb HTTP\n"
        + "\n"
        + "   domain 53/udp\n"
        + "afpovertcp\t548/ddp\n"
        + "broken  notaport/tcp\n"
        + "toobig  70000/tcp\n"
        + "ntp\t123/udp\t\t# Network Time Protocol\r\n";

    private readonly ServiceDatabase _db = ServiceDatabase.Parse(Sample, "ip 0 IP\ntcp 6 TCP # transmission control\nudp 17 UDP\n", "sample");

    [Fact]
    public void Parse_TabsCommentsAndAliases_UnknownTransportsSkipped()
    {
        Assert.Equal(
            [new ServiceEntry("ssh", 22, "tcp", []), new ServiceEntry("http", 80, "tcp", ["www"]), new ServiceEntry("domain", 53, "udp", []), new ServiceEntry("ntp", 123, "udp", [])],
            _db.Services);
    }

    [Theory]
    [InlineData("ssh", "tcp", 22)]
    [InlineData("http", "tcp", 80)]
    [InlineData("www", "tcp", 80)]
    [InlineData("ntp", "udp", 123)]
    [InlineData("domain", "UDP", 53)]
    public void GetPortByName_Found(string name, string protocol, int port) => Assert.Equal(port, _db.GetPortByName(name, protocol));

    [Fact]
    public void GetPortByName_WrongProtocol_NotFoundNamingBoth()
    {
        var ex = Assert.Throws<ServiceNotFoundException>(() => _db.GetPortByName("ntp", "tcp"));

        Assert.Equal("ntp/tcp", ex.Query);
        Assert.Equal("No service 'ntp' for tcp in sample.", ex.Message);
    }

    [Fact]
    public void GetPortByName_UnknownProtocol_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => _db.GetPortByName("ssh", "xtp"));

        Assert.Equal("protocol", ex.ParamName);
        Assert.Contains("'xtp' is not a transport protocol; expected tcp, udp, sctp, dccp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNameByPort_Found() => Assert.Equal("ssh", _db.GetNameByPort(22));

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void GetNameByPort_OutOfRange_ThrowsWithThePort(int port)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _db.GetNameByPort(port));

        Assert.Equal("port", ex.ParamName);
        Assert.Contains($"Port {port} is outside 0–65535", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNameByPort_Unlisted_NotFound_NamingThePortAndProtocolAsked()
    {
        var ex = Assert.Throws<ServiceNotFoundException>(() => _db.GetNameByPort(54321, "udp"));

        Assert.Equal("No service listed for port 54321/udp in sample.", ex.Message);
        Assert.Equal("54321/udp", ex.Query);
    }

    [Theory]
    [InlineData("tcp", 6)]
    [InlineData("TCP", 6)]
    [InlineData("udp", 17)]
    public void GetProtocolNumber_Found(string name, int number) => Assert.Equal(number, _db.GetProtocolNumber(name));

    [Fact]
    public void GetProtocolNumber_Unknown_NotFound() =>
        Assert.Equal("No protocol 'xyz' in sample.", Assert.Throws<ServiceNotFoundException>(() => _db.GetProtocolNumber("xyz")).Message);

    [Fact]
    public void Load_MissingFiles_FallsBackToBuiltInAndSaysSo()
    {
        var db = ServiceDatabase.Load("/nonexistent/services", "/nonexistent/protocols");

        Assert.Equal(ServiceDatabase.BuiltIn, db.ServicesSource);
        Assert.Equal(ServiceDatabase.BuiltIn, db.ProtocolsSource);
        Assert.Equal(22, db.GetPortByName("ssh"));
        Assert.Equal(123, db.GetPortByName("ntp", "udp"));
        Assert.Equal(6, db.GetProtocolNumber("tcp"));
        Assert.Equal("http", db.GetNameByPort(80));
    }

    [Fact]
    public void Load_SystemFiles_AgreeWithTheTutorialsTable()
    {
        var db = ServiceDatabase.Load();

        Assert.Equal(File.Exists("/etc/services") ? "/etc/services" : ServiceDatabase.BuiltIn, db.ServicesSource);
        foreach (var (name, port) in new[] { ("ftp", 21), ("ssh", 22), ("telnet", 23), ("smtp", 25), ("gopher", 70), ("http", 80), ("pop3", 110), ("nntp", 119), ("imap2", 143), ("https", 443) })
        {
            Assert.Equal(port, db.GetPortByName(name));
        }
    }

    [Fact]
    public void Ports_EphemeralRange_ReadsLinuxOrFallsBack()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "32768\t60999\n");
        try
        {
            Assert.Equal((32768, 60999, file), Ports.EphemeralRange(file));
            Assert.Equal(49152, Ports.EphemeralRange("/nonexistent").First);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Ports_UnprivilegedStart_ReadsLinuxOrFallsBack()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "80\n");
        try
        {
            Assert.Equal((80, file), Ports.UnprivilegedStart(file));
            Assert.Equal(1024, Ports.UnprivilegedStart("/nonexistent").Port);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Ports_Listening_ShowsAListenerWeStarted()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var table = Ports.Listening(_db);

            Assert.Contains(table.Rows, r => r[0] == "tcp" && r[1] == "127.0.0.1" && r[2] == port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1023, true)]
    [InlineData(1024, false)]
    [InlineData(65535, false)]
    public void Ports_IsReserved(int port, bool reserved) => Assert.Equal(reserved, Ports.IsReserved(port));
}
