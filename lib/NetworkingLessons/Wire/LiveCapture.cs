using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace NetworkingLessons.Wire;

/// <summary>
/// A capture running on the loopback interface: it keeps the TCP and UDP packets to or from the
/// ports asked for, and stops by itself at its limits (<see cref="CaptureLimits"/>) or when
/// stopped. It reads the interface through a Linux packet socket (AF_PACKET), which needs root or
/// CAP_NET_RAW; without the right it captures nothing, says in one line what is missing, and
/// <see cref="Stop"/> gives the recording it was given instead, marked as such.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<CapturedPacket> _packets = [];
    private readonly HashSet<int> _ports;
    private readonly CaptureLimits _limits;
    private readonly Recording? _fallback;
    private readonly Socket? _socket;
    private readonly Thread? _reader;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private long _bytes;
    private volatile bool _stopping;
    private volatile bool _draining;
    private PacketTrace? _trace;

    internal LiveCapture(IReadOnlyCollection<int> ports, CaptureLimits limits, Recording? fallback)
    {
        _ports = [.. ports];
        _limits = limits;
        _fallback = fallback;
        try
        {
            _socket = Open();
        }
        catch (Exception ex) when (ex is SocketException or PlatformNotSupportedException or NotSupportedException)
        {
            Problem = Explain(ex);
            StoppedBecause = "it could not start";
            return;
        }
        _reader = new Thread(Read) { IsBackground = true, Name = $"capture of port {string.Join(", ", _ports)}" };
        _reader.Start();
    }

    /// <summary>The ports whose packets are kept.</summary>
    public IReadOnlyCollection<int> Ports => _ports;

    /// <summary>Why this machine cannot capture (in one line, with what to do), or null while it can.</summary>
    public string? Problem { get; }

    /// <summary>True while packets are being captured.</summary>
    public bool IsCapturing => _reader is { IsAlive: true } && !_stopping;

    /// <summary>Why the capture stopped, once it has: a limit, a call to <see cref="Stop"/>, or failing to start.</summary>
    public string? StoppedBecause { get; private set; }

    /// <summary>The packets kept so far.</summary>
    public IReadOnlyList<CapturedPacket> Packets
    {
        get
        {
            lock (_gate)
            {
                return [.. _packets];
            }
        }
    }

    /// <summary>
    /// Stops the capture (if it is still running) and returns what it holds: the live packets, or,
    /// where this machine could not capture, the recording given to <see cref="Wire.Capture(int[])"/>, marked as recorded.
    /// </summary>
    public PacketTrace Stop()
    {
        lock (_gate)
        {
            if (_trace is not null)
            {
                return _trace;
            }
        }
        // Packets the kernel has already queued for the capture belong to it: the reader keeps
        // them, then ends, before the socket closes.
        _draining = true;
        _reader?.Join(TimeSpan.FromSeconds(2));
        End("it was stopped");
        var ports = string.Join(", ", _ports);
        PacketTrace trace;
        if (Problem is not null)
        {
            trace = _fallback is { } recording
                ? Wire.Recorded(recording).Marked($"recorded earlier by the course's own tools on loopback, because this machine could not capture: {Problem}")
                : new PacketTrace([], $"nothing captured: {Problem}");
        }
        else
        {
            var packets = Packets;
            var how = $"captured live on loopback, port {ports}, from {_started:HH:mm:ss} UTC; stopped because {StoppedBecause}";
            trace = new PacketTrace(packets, packets.Count == 0 ? $"{how}: no packet to or from port {ports} went by" : how);
        }
        lock (_gate)
        {
            return _trace ??= trace;
        }
    }

    /// <summary>Stops the capture.</summary>
    public void Dispose() => Stop();

    /// <summary>What the capture is doing, for a notebook.</summary>
    public override string ToString() => Problem is not null
        ? $"not capturing: {Problem}"
        : IsCapturing
            ? $"capturing on loopback, port {string.Join(", ", _ports)}: {Packets.Count} packets so far"
            : $"stopped because {StoppedBecause}: {Packets.Count} packets";

    private static Socket Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("capturing uses Linux packet sockets");
        }
        var socket = new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)BinaryPrimitives.ReverseEndianness((ushort)0x0003));
        try
        {
            socket.Bind(new LinkLayerEndPoint(NetworkInterface.LoopbackInterfaceIndex));
            IgnoreOutgoing(socket);
            socket.ReceiveBufferSize = 4 << 20;
            socket.ReceiveTimeout = 100;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Loopback shows every packet twice, leaving and arriving. Where the kernel can drop the leaving
    // copy itself (PACKET_IGNORE_OUTGOING, Linux 4.20), half the reads go; elsewhere Read skips it.
    private static void IgnoreOutgoing(Socket socket)
    {
        const int SolPacket = 263, PacketIgnoreOutgoing = 23;
        try
        {
            socket.SetRawSocketOption(SolPacket, PacketIgnoreOutgoing, BitConverter.GetBytes(1));
        }
        catch (SocketException)
        {
            // An older kernel: the reader drops the copies.
        }
    }

    private static string Explain(Exception ex) => ex switch
    {
        SocketException { SocketErrorCode: SocketError.AccessDenied } or SocketException { NativeErrorCode: 1 } =>
            "capturing needs root or the CAP_NET_RAW capability, and this process has neither. Run the lesson as root, or give dotnet the capability: "
            + "sudo setcap cap_net_raw+ep \"$(readlink -f \"$(command -v dotnet)\")\" (the course's dev container does this when it is created).",
        PlatformNotSupportedException => $"capturing works on Linux only ({ex.Message}); this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.",
        _ => $"the packet socket would not open ({ex.GetType().Name}: {ex.Message}).",
    };

    private void Read()
    {
        var buffer = new byte[_limits.SnapLength];
        const int AddressRoom = 128;
        var address = new SocketAddress(AddressFamily.Packet, AddressRoom);
        var loopback = NetworkInterface.LoopbackInterfaceIndex;
        try
        {
            while (!_stopping)
            {
                if (DateTimeOffset.UtcNow - _started >= _limits.Duration)
                {
                    End($"it reached its time limit of {_limits.Duration.TotalSeconds:0.#} s");
                    return;
                }
                if (_draining && _socket!.Available == 0)
                {
                    End("it was stopped");
                    return;
                }
                int length;
                try
                {
                    address.Size = AddressRoom; // each receive shrinks it to the address it got
                    length = _socket!.ReceiveFrom(buffer, SocketFlags.Truncated, address);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
                {
                    continue;
                }
                // Loopback shows each packet twice, leaving and arriving; keep it once, as libpcap does.
                if (LinkLayerEndPoint.InterfaceOf(address) != loopback || LinkLayerEndPoint.IsOutgoing(address))
                {
                    continue;
                }
                var kept = Math.Min(length, buffer.Length);
                if (!Matches(buffer.AsSpan(0, kept), _ports))
                {
                    continue;
                }
                Keep(new CapturedPacket(DateTimeOffset.UtcNow, buffer.AsSpan(0, kept).ToArray(), length, LinkType.Ethernet));
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            End(_stopping ? StoppedBecause ?? "it was stopped" : $"the packet socket failed: {ex.Message}");
        }
#pragma warning disable CA1031 // A capture's thread must never take the notebook's process down with it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            End($"the capture failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Keep(CapturedPacket packet)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }
            _packets.Add(packet);
            _bytes += packet.Data.Length;
            if (_packets.Count >= _limits.MaxPackets)
            {
                End($"it reached its limit of {_limits.MaxPackets} packets");
            }
            else if (_bytes >= _limits.MaxBytes)
            {
                End($"it reached its limit of {_limits.MaxBytes} bytes");
            }
        }
    }

    private void End(string? because)
    {
        lock (_gate)
        {
            if (!_stopping)
            {
                _stopping = true;
                StoppedBecause ??= because;
            }
        }
        _socket?.Dispose();
    }

    /// <summary>Whether <paramref name="frame"/> is a TCP or UDP packet to or from one of <paramref name="ports"/>, in an Ethernet frame (as Linux gives loopback).</summary>
    internal static bool Matches(ReadOnlySpan<byte> frame, IReadOnlySet<int> ports)
    {
        if (frame.Length < 14)
        {
            return false;
        }
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        int transport;
        byte protocol;
        if (etherType == 0x0800 && frame.Length >= 34)
        {
            protocol = frame[23];
            transport = 14 + (frame[14] & 0x0F) * 4;
        }
        else if (etherType == 0x86DD && frame.Length >= 54)
        {
            protocol = frame[20];
            transport = 54;
        }
        else
        {
            return false;
        }
        if (protocol is not (6 or 17) || frame.Length < transport + 4)
        {
            return false;
        }
        return ports.Contains(BinaryPrimitives.ReadUInt16BigEndian(frame[transport..])) || ports.Contains(BinaryPrimitives.ReadUInt16BigEndian(frame[(transport + 2)..]));
    }
}
