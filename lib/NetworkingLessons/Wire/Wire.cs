using System.Reflection;

namespace NetworkingLessons.Wire;

/// <summary>
/// The lesson's own packets on the wire: capture them on loopback (<see cref="Capture(int[])"/>),
/// read and write pcap files, and show them decoded, as a packet list, as annotated hex and as a
/// ladder diagram.
/// </summary>
public static class Wire
{
    /// <summary>
    /// Starts capturing the TCP and UDP packets to or from <paramref name="ports"/> on loopback,
    /// with the default limits (200 packets, 4 MiB, 60 s). Call <see cref="LiveCapture.Stop"/> for the trace.
    /// </summary>
    /// <exception cref="ArgumentException">No port, or a number that is not a port.</exception>
    public static LiveCapture Capture(params int[] ports) => Capture(ports, null, null);

    /// <summary>
    /// Starts capturing the TCP and UDP packets to or from <paramref name="ports"/> on loopback. Where
    /// this machine cannot capture, <see cref="LiveCapture.Stop"/> returns <paramref name="orRecorded"/>, marked as recorded.
    /// </summary>
    /// <exception cref="ArgumentException">No port, or a number that is not a port.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public static LiveCapture Capture(IReadOnlyCollection<int> ports, CaptureLimits? limits = null, Recording? orRecorded = null)
    {
        ArgumentNullException.ThrowIfNull(ports);
        if (ports.Count == 0)
        {
            throw new ArgumentException("Name the ports to capture: a capture keeps only their packets.", nameof(ports));
        }
        foreach (var port in ports)
        {
            Services.Ports.Validate(port);
        }
        limits ??= new CaptureLimits();
        limits.Validate();
        return new LiveCapture(ports, limits, orRecorded);
    }

    /// <summary>Reads a pcap file.</summary>
    /// <exception cref="PcapFormatException">The file is not pcap, or is broken; the message gives the offset.</exception>
    public static PacketTrace Read(string path) => new(PcapFile.Read(path), $"read from {Path.GetFileName(path)}");

    /// <summary>One of the captures the course's tools recorded on loopback, marked as recorded.</summary>
    public static PacketTrace Recorded(Recording recording)
    {
        var name = RecordingFile(recording);
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The library was built without its recording {name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return new PacketTrace(PcapFile.Read(memory.ToArray(), name), $"recorded earlier by the course's own tools on loopback ({name})");
    }

    /// <summary>The file name of a recording: <c>tcp-connection.pcap</c>.</summary>
    public static string RecordingFile(Recording recording) => recording switch
    {
        Recording.TcpConnection => "tcp-connection.pcap",
        Recording.TcpReset => "tcp-reset.pcap",
        Recording.UdpExchange => "udp-exchange.pcap",
        Recording.SntpExchange => "sntp-exchange.pcap",
        Recording.LossyRelay => "lossy-relay.pcap",
        _ => throw new ArgumentOutOfRangeException(nameof(recording), recording, "No such recording."),
    };
}
