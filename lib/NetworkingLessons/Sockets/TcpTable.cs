using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;

namespace NetworkingLessons.Sockets;

/// <summary>
/// The kernel's own table of TCP sockets, as <c>ss -tan</c> shows it: on Linux read from
/// <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>, elsewhere from .NET's
/// <see cref="IPGlobalProperties"/>. Used to watch a connection go through LISTEN, ESTABLISHED
/// and TIME_WAIT.
/// </summary>
public static class TcpTable
{
    /// <summary>One socket in the table.</summary>
    /// <param name="Local">The socket's own address and port.</param>
    /// <param name="Remote">The peer's, or 0.0.0.0:0 for a listener.</param>
    /// <param name="State">Where the connection is in its life.</param>
    public sealed record Entry(IPEndPoint Local, IPEndPoint Remote, TcpState State)
    {
        /// <summary>The state as <c>ss</c> and <c>netstat</c> write it: LISTEN, ESTAB, TIME-WAIT.</summary>
        public string StateName => State switch
        {
            TcpState.Established => "ESTABLISHED",
            TcpState.SynSent => "SYN-SENT",
            TcpState.SynReceived => "SYN-RECV",
            TcpState.FinWait1 => "FIN-WAIT-1",
            TcpState.FinWait2 => "FIN-WAIT-2",
            TcpState.TimeWait => "TIME-WAIT",
            TcpState.Close => "CLOSE",
            TcpState.CloseWait => "CLOSE-WAIT",
            TcpState.LastAck => "LAST-ACK",
            TcpState.Listen => "LISTEN",
            TcpState.Closing => "CLOSING",
            _ => State.ToString(),
        };
    }

    /// <summary>Every TCP socket on this machine.</summary>
    public static IReadOnlyList<Entry> Read()
    {
        if (File.Exists("/proc/net/tcp"))
        {
            return [.. Parse(File.ReadAllText("/proc/net/tcp")), .. File.Exists("/proc/net/tcp6") ? Parse(File.ReadAllText("/proc/net/tcp6")) : []];
        }
        var properties = IPGlobalProperties.GetIPGlobalProperties();
        return [.. properties.GetActiveTcpListeners().Select(l => new Entry(l, new IPEndPoint(IPAddress.Any, 0), TcpState.Listen)),
            .. properties.GetActiveTcpConnections().Select(c => new Entry(c.LocalEndPoint, c.RemoteEndPoint, FromDotNet(c.State)))];
    }

    /// <summary>The sockets whose local or remote port is <paramref name="port"/>, as a table.</summary>
    public static Display.Table Involving(int port)
    {
        Services.Ports.Validate(port);
        var rows = Read().Where(e => e.Local.Port == port || e.Remote.Port == port)
            .OrderBy(e => e.State == TcpState.Listen ? 0 : 1).ThenBy(e => e.Local.Port)
            .Select(e => new { Local = e.Local.ToString(), Remote = e.Remote.ToString(), State = e.StateName });
        return Display.Table.Of(rows);
    }

    /// <summary>The state of the one socket from <paramref name="local"/> to <paramref name="remote"/>, or null when the kernel no longer has it.</summary>
    public static TcpState? StateOf(IPEndPoint local, IPEndPoint remote) =>
        Read().FirstOrDefault(e => e.Local.Equals(local) && e.Remote.Equals(remote))?.State;

    /// <summary>Parses the text of /proc/net/tcp or /proc/net/tcp6; lines that are not entries are skipped.</summary>
    public static IReadOnlyList<Entry> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<Entry>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var state)
                || ProcAddress(fields[1]) is not { } local || ProcAddress(fields[2]) is not { } remote)
            {
                continue;
            }
            entries.Add(new Entry(local, remote, (TcpState)state));
        }
        return entries;
    }

    /// <summary>
    /// An address as /proc/net/tcp writes it: the address in hex, 32 bits at a time in the
    /// machine's byte order (little-endian on x86), then the port in hex, most significant first:
    /// <c>0100007F:1F90</c> is 127.0.0.1:8080. Null when the text is not of that form.
    /// </summary>
    public static IPEndPoint? ProcAddress(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length is not (8 or 32) || parts[1].Length != 4
            || !ushort.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }
        var bytes = new byte[parts[0].Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            if (!uint.TryParse(parts[0].AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            // Each 32-bit word was printed as a number in host order; its bytes in memory are the address's.
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }
        return new IPEndPoint(new IPAddress(bytes), port);
    }

    private static TcpState FromDotNet(System.Net.NetworkInformation.TcpState state) => state switch
    {
        System.Net.NetworkInformation.TcpState.Established => TcpState.Established,
        System.Net.NetworkInformation.TcpState.SynSent => TcpState.SynSent,
        System.Net.NetworkInformation.TcpState.SynReceived => TcpState.SynReceived,
        System.Net.NetworkInformation.TcpState.FinWait1 => TcpState.FinWait1,
        System.Net.NetworkInformation.TcpState.FinWait2 => TcpState.FinWait2,
        System.Net.NetworkInformation.TcpState.TimeWait => TcpState.TimeWait,
        System.Net.NetworkInformation.TcpState.CloseWait => TcpState.CloseWait,
        System.Net.NetworkInformation.TcpState.LastAck => TcpState.LastAck,
        System.Net.NetworkInformation.TcpState.Listen => TcpState.Listen,
        System.Net.NetworkInformation.TcpState.Closing => TcpState.Closing,
        _ => TcpState.Close,
    };
}
