using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;

namespace NetworkingLessons.Services;

/// <summary>Facts about port numbers: their range, the reserved ones, the ephemeral range, and which are listening now.</summary>
public static class Ports
{
    /// <summary>The highest port number: ports are 16 bits.</summary>
    public const int Max = 65535;

    /// <summary>Ports below this are reserved for well-known services and, on Unix, need privilege to bind (C's and Python's <c>IPPORT_RESERVED</c>).</summary>
    public const int Reserved = 1024;

    /// <summary>Where Linux keeps the ephemeral range.</summary>
    public const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>Where Linux keeps the first port an unprivileged program may listen on.</summary>
    public const string UnprivilegedStartFile = "/proc/sys/net/ipv4/ip_unprivileged_port_start";

    /// <summary>
    /// The first port a program without privilege may listen on: Linux's own setting when it says
    /// (<c>net.ipv4.ip_unprivileged_port_start</c>), otherwise the classic <see cref="Reserved"/>.
    /// </summary>
    public static (int Port, string Source) UnprivilegedStart(string path = UnprivilegedStartFile) =>
        File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out var port)
            ? (port, path)
            : (Reserved, "the classic rule (IPPORT_RESERVED); this system does not say");

    /// <summary>Checks a port number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0–65535; the message gives the number.</exception>
    public static int Validate(int port)
    {
        if (port is < 0 or > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port} is outside 0–{Max}: a port is a 16-bit number.");
        }
        return port;
    }

    /// <summary>True for ports below <see cref="Reserved"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0–65535.</exception>
    public static bool IsReserved(int port) => Validate(port) < Reserved;

    /// <summary>
    /// The ports the system picks from when a program binds to port 0 or connects without binding:
    /// Linux's own range when it says, otherwise IANA's suggestion (49152–65535), with where it came from.
    /// </summary>
    public static (int First, int Last, string Source) EphemeralRange(string path = EphemeralRangeFile)
    {
        if (File.Exists(path))
        {
            var fields = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && int.TryParse(fields[0], CultureInfo.InvariantCulture, out var first) && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var last))
            {
                return (first, last, path);
            }
        }
        return (49152, Max, "IANA's suggested range (RFC 6335); this system does not say");
    }

    /// <summary>The TCP and UDP ports this machine listens on now, with the service name where the database knows it.</summary>
    public static Display.Table Listening(ServiceDatabase? names = null)
    {
        names ??= ServiceDatabase.Load();
        var properties = IPGlobalProperties.GetIPGlobalProperties();
        IEnumerable<(string Protocol, IPEndPoint EndPoint)> tcp = properties.GetActiveTcpListeners().Select(e => ("tcp", e));
        IEnumerable<(string Protocol, IPEndPoint EndPoint)> udp = properties.GetActiveUdpListeners().Select(e => ("udp", e));
        return Display.Table.Of(tcp.Concat(udp)
            .OrderBy(l => l.EndPoint.Port).ThenBy(l => l.Protocol, StringComparer.Ordinal)
            .Select(l => new
            {
                l.Protocol,
                Address = l.EndPoint.Address.ToString(),
                l.EndPoint.Port,
                Service = names.TryGetNameByPort(l.EndPoint.Port, l.Protocol, out var name) ? name : "",
            }));
    }
}
