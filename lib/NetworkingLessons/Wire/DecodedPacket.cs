using System.Globalization;
using System.Net;

namespace NetworkingLessons.Wire;

/// <summary>
/// A captured packet taken apart: its link, IP and TCP or UDP headers, each field with its place in
/// the bytes, the payload, and what the course knows of the payload's protocol (NTP). A packet cut
/// short or malformed still decodes as far as it goes, and <see cref="Problem"/> says where it stopped.
/// </summary>
public sealed class DecodedPacket
{
    internal DecodedPacket(int number, CapturedPacket packet) 
    {
        Number = number;
        Packet = packet;
    }

    /// <summary>The packet's number in its trace, from 1, as Wireshark counts.</summary>
    public int Number { get; }

    /// <summary>The packet as captured.</summary>
    public CapturedPacket Packet { get; }

    /// <summary>The IPv4 header, if the packet is IPv4.</summary>
    public IPv4Header? IPv4 { get; internal set; }

    /// <summary>The IPv6 header, if the packet is IPv6.</summary>
    public IPv6Header? IPv6 { get; internal set; }

    /// <summary>The TCP header, if the packet carries TCP.</summary>
    public TcpSegment? Tcp { get; internal set; }

    /// <summary>The UDP header, if the packet carries UDP.</summary>
    public UdpDatagram? Udp { get; internal set; }

    /// <summary>Where the payload starts in the packet's bytes.</summary>
    public int PayloadOffset { get; internal set; }

    /// <summary>The TCP or UDP data (as much as was captured).</summary>
    public ReadOnlyMemory<byte> Payload { get; internal set; }

    /// <summary>The payload's protocol when the course knows it ("NTP"), else null.</summary>
    public string? PayloadProtocol { get; internal set; }

    /// <summary>A one-line summary of the payload, for the Info column, when the course knows its protocol.</summary>
    public string? PayloadInfo { get; internal set; }

    /// <summary>Every field of every header, in the order of the bytes.</summary>
    public IReadOnlyList<HeaderField> Fields => _fields;

    /// <summary>Where decoding had to stop, and why, or null when the packet decoded whole.</summary>
    public string? Problem { get; internal set; }

    private readonly List<HeaderField> _fields = [];

    internal void Add(string layer, string name, int offset, int length, string value) => _fields.Add(new HeaderField(layer, name, offset, length, value));

    internal void Add(string layer, string name, int offset, int length, FormattableString value) =>
        Add(layer, name, offset, length, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The sender's address, for an IP packet.</summary>
    public IPAddress? Source => IPv4?.Source ?? IPv6?.Source;

    /// <summary>The receiver's address, for an IP packet.</summary>
    public IPAddress? Destination => IPv4?.Destination ?? IPv6?.Destination;

    /// <summary>The sender's port, for TCP or UDP.</summary>
    public int? SourcePort => Tcp?.SourcePort ?? Udp?.SourcePort;

    /// <summary>The receiver's port, for TCP or UDP.</summary>
    public int? DestinationPort => Tcp?.DestinationPort ?? Udp?.DestinationPort;

    /// <summary>The highest protocol decoded: NTP, TCP, UDP, IPv4, IPv6, or the link type.</summary>
    public string Protocol => PayloadProtocol ?? (Tcp is not null ? "TCP" : Udp is not null ? "UDP" : IPv4 is not null ? "IPv4" : IPv6 is not null ? "IPv6" : Packet.LinkType.ToString());

    /// <summary>The sending endpoint as text: <c>127.0.0.1:47698</c>, <c>[::1]:47698</c>.</summary>
    public string SourceEndpoint => Endpoint(Source, SourcePort);

    /// <summary>The receiving endpoint as text.</summary>
    public string DestinationEndpoint => Endpoint(Destination, DestinationPort);

    private static string Endpoint(IPAddress? address, int? port) => (address, port) switch
    {
        (null, _) => "?",
        (_, null) => address.ToString(),
        ({ AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 }, _) => $"[{address}]:{port}",
        _ => $"{address}:{port}",
    };

    /// <summary>The packet's bytes as an annotated hex dump, every header field named and coloured.</summary>
    public Display.HexDump ToHexDump()
    {
        var dump = Display.HexDump.Of(Packet.Data.Span);
        foreach (var field in _fields) // each was read from the captured bytes, so each lies within them
        {
            dump.WithField(field.Offset, field.Length, $"{field.Layer} {field.Name}", field.Value);
        }
        return dump;
    }

    /// <summary>The annotated hex dump, for a notebook.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => ToHexDump().ToMimeBundle();

    /// <inheritdoc />
    public override string ToString() => $"{Number} {SourceEndpoint} → {DestinationEndpoint} {Protocol} {Packet.OriginalLength} bytes";
}
