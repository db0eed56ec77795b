using System.Buffers.Binary;

namespace NetworkingLessons.ByteOrder;

/// <summary>
/// Conversions between this machine's byte order and network order (big-endian): C's and Python's
/// <c>htons</c>, <c>htonl</c>, <c>ntohs</c> and <c>ntohl</c>. On a little-endian machine each swaps
/// the bytes, so each is its own inverse; on a big-endian machine each does nothing.
/// </summary>
public static class NetworkOrder
{
    /// <summary>True when this machine keeps the least significant byte first (x86, most ARM).</summary>
    public static bool MachineIsLittleEndian => BitConverter.IsLittleEndian;

    /// <summary>A 16-bit value in network order (<c>htons</c>): 1234 becomes 53764 on a little-endian machine.</summary>
    public static ushort HostToNetwork(ushort value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>A 32-bit value in network order (<c>htonl</c>): 1234 becomes 3523477504 on a little-endian machine.</summary>
    public static uint HostToNetwork(uint value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>A 64-bit value in network order.</summary>
    public static ulong HostToNetwork(ulong value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>A 16-bit value from network order back to this machine's (<c>ntohs</c>): the same swap.</summary>
    public static ushort NetworkToHost(ushort value) => HostToNetwork(value);

    /// <summary>A 32-bit value from network order back to this machine's (<c>ntohl</c>): the same swap.</summary>
    public static uint NetworkToHost(uint value) => HostToNetwork(value);

    /// <summary>A 64-bit value from network order back to this machine's.</summary>
    public static ulong NetworkToHost(ulong value) => HostToNetwork(value);
}
