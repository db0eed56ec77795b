using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Wire;

/// <summary>
/// A Linux packet-socket address (<c>struct sockaddr_ll</c>): every protocol, on one interface. .NET
/// has no endpoint type for AF_PACKET; this one only serialises what <c>bind</c> needs.
/// </summary>
internal sealed class LinkLayerEndPoint(int interfaceIndex) : EndPoint
{
    /// <summary>ETH_P_ALL: every protocol.</summary>
    private const ushort AllProtocols = 0x0003;

    public const int AddressLength = 20;

    public override AddressFamily AddressFamily => AddressFamily.Packet;

    public int InterfaceIndex { get; } = interfaceIndex;

    public override SocketAddress Serialize()
    {
        var address = new SocketAddress(AddressFamily.Packet, AddressLength);
        var bytes = address.Buffer.Span;
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], AllProtocols);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], InterfaceIndex);
        return address;
    }

    public override EndPoint Create(SocketAddress socketAddress) => this;

    /// <summary>The interface a received packet came on (sll_ifindex).</summary>
    public static int InterfaceOf(SocketAddress address) => BinaryPrimitives.ReadInt32LittleEndian(address.Buffer.Span[4..]);

    /// <summary>Whether this machine sent the packet (sll_pkttype PACKET_OUTGOING): on loopback every packet is seen going out and coming in.</summary>
    public static bool IsOutgoing(SocketAddress address) => address.Buffer.Span[10] == 4;
}
