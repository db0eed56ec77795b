using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Addresses;

/// <summary>
/// IPv4 addresses as dotted text, four bytes, one 32-bit number, hex and binary, and back.
/// <see cref="Parse"/> is strict: exactly four decimal parts from 0 to 255, no leading zeros, no
/// spaces. .NET's <see cref="IPAddress.TryParse(string, out IPAddress)"/> is not: it reads "1" as
/// 0.0.0.1 and "010.0.0.1" as 8.0.0.1, which is how parsers come to disagree about an address.
/// </summary>
public static class DottedQuad
{
    /// <summary>Parses strict dotted-quad text (Python's <c>ipaddress.IPv4Address</c> since 3.9.5).</summary>
    /// <exception cref="AddressFormatException">The text is not exactly four decimal numbers 0–255 without leading zeros; the message says which rule it breaks.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IPAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new IPAddress(Pack(text));
    }

    /// <summary>Parses strict dotted-quad text, or returns false.</summary>
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text is null || Problem(text, out var bytes) is not null)
        {
            return false;
        }
        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>The four bytes of the address, most significant first (Python's <c>socket.inet_aton</c>, but strict).</summary>
    /// <exception cref="AddressFormatException">The text is not a strict dotted quad.</exception>
    public static byte[] Pack(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Problem(text, out var bytes) is string problem ? throw new AddressFormatException(text, problem) : bytes;
    }

    /// <summary>Dotted text for four bytes (Python's <c>socket.inet_ntoa</c>).</summary>
    /// <exception cref="ArgumentException">Not exactly four bytes.</exception>
    public static string Unpack(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 4)
        {
            throw new ArgumentException($"An IPv4 address is 4 bytes, not {bytes.Length}.", nameof(bytes));
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]}");
    }

    /// <summary>The address as one number, its first byte most significant: 192.168.0.1 is 0xC0A80001.</summary>
    /// <exception cref="ArgumentException">Not an IPv4 address.</exception>
    public static uint ToUInt32(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(Bytes(address));

    /// <summary>The address a number stands for: 0xC0A80001 is 192.168.0.1.</summary>
    public static IPAddress FromUInt32(uint number)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }

    /// <summary>The four bytes as hex, as <c>binascii.hexlify(inet_aton(text))</c> gives: "c0a80001".</summary>
    /// <exception cref="ArgumentException">Not an IPv4 address.</exception>
    public static string ToHex(IPAddress address) => Convert.ToHexStringLower(Bytes(address));

    /// <summary>The four bytes in binary, dot between bytes: "11000000.10101000.00000000.00000001".</summary>
    /// <exception cref="ArgumentException">Not an IPv4 address.</exception>
    public static string ToBinary(IPAddress address) =>
        string.Join('.', Bytes(address).Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));

    /// <summary>For each text: what .NET's lenient <c>IPAddress.TryParse</c> makes of it, and what the strict parser says.</summary>
    public static Display.Table CompareParsers(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Display.Table.Of(texts.Select(text => new
        {
            Text = $"\"{text}\"",
            IPAddressTryParse = IPAddress.TryParse(text, out var lenient) && lenient.AddressFamily == AddressFamily.InterNetwork ? lenient.ToString() : "rejected",
            Strict = Problem(text, out var bytes) is string problem ? "rejected: " + problem : Unpack(bytes),
        }));
    }

    private static byte[] Bytes(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        }
        return address.GetAddressBytes();
    }

    private static string? Problem(string text, out byte[] bytes)
    {
        bytes = new byte[4];
        if (text.Length == 0)
        {
            return "it is empty.";
        }
        if (text.Trim().Length != text.Length)
        {
            return "it has spaces around it.";
        }
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return $"it has {parts.Length} part{(parts.Length == 1 ? "" : "s")}; a dotted quad has exactly 4.";
        }
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                return $"part {i + 1} is empty.";
            }
            if (!part.All(char.IsAsciiDigit))
            {
                return $"part {i + 1} ('{part}') is not a decimal number.";
            }
            if (part.Length > 1 && part[0] == '0')
            {
                return $"part {i + 1} ('{part}') has a leading zero, which some parsers read as octal.";
            }
            if (part.Length > 3 || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return $"part {i + 1} ({part}) is above 255.";
            }
            bytes[i] = byte.Parse(part, CultureInfo.InvariantCulture);
        }
        return null;
    }
}
