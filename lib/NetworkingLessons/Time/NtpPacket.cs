using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using NetworkingLessons.Wire;

namespace NetworkingLessons.Time;

/// <summary>
/// The 48 bytes of an NTP or SNTP packet (RFC 5905 §7.3, RFC 4330 §4): the first byte's leap
/// indicator, version and mode; stratum, poll and precision; root delay and dispersion; the
/// reference identifier; and the four timestamps. Extension fields and authentication after the
/// 48 bytes are allowed and left alone.
/// </summary>
public sealed record NtpPacket
{
    /// <summary>The size of the packet without extensions or authentication.</summary>
    public const int Size = 48;

    /// <summary>The version this course sends: NTPv4.</summary>
    public const int CurrentVersion = 4;

    /// <summary>The NTP port.</summary>
    public const int Port = 123;

    /// <summary>The leap indicator; <see cref="LeapIndicator.Unsynchronized"/> means the time is not to be trusted.</summary>
    public LeapIndicator Leap { get; init; }

    /// <summary>The version number, 0 to 7 (NTPv4 is 4; servers answer with the client's).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The mode: <see cref="NtpMode.Client"/> for a request, <see cref="NtpMode.Server"/> for the reply.</summary>
    public NtpMode Mode { get; init; }

    /// <summary>The server's distance from a reference clock: 1 is a server with its own clock, 2–15 one that takes its time from a server one level up, 16 unsynchronised, 0 a Kiss-o'-Death.</summary>
    public byte Stratum { get; init; }

    /// <summary>The poll interval, as a power of two in seconds (6 is 64 s).</summary>
    public sbyte Poll { get; init; }

    /// <summary>The precision of the sender's clock, as a power of two in seconds (−20 is about 1 µs).</summary>
    public sbyte Precision { get; init; }

    /// <summary>The round-trip delay to the reference clock, in NTP short format (16.16 fixed point seconds).</summary>
    public uint RootDelay { get; init; }

    /// <summary>The error the server admits to relative to the reference clock, in NTP short format.</summary>
    public uint RootDispersion { get; init; }

    /// <summary>The reference identifier: an ASCII code for stratum 0 (the kiss code) and 1 (the clock's kind), the upstream server's IPv4 address above that.</summary>
    public uint ReferenceId { get; init; }

    /// <summary>When the server's clock was last set or corrected.</summary>
    public NtpTimestamp Reference { get; init; }

    /// <summary>In a reply: the transmit timestamp of the request it answers (T1). In a request: zero, or what the client last received.</summary>
    public NtpTimestamp Origin { get; init; }

    /// <summary>When the request reached the server (T2).</summary>
    public NtpTimestamp Receive { get; init; }

    /// <summary>When the packet left its sender (T1 in a request, T3 in a reply).</summary>
    public NtpTimestamp Transmit { get; init; }

    /// <summary>The root delay in seconds.</summary>
    public double RootDelaySeconds => RootDelay / 65536d;

    /// <summary>The root dispersion in seconds.</summary>
    public double RootDispersionSeconds => RootDispersion / 65536d;

    /// <summary>True for a Kiss-o'-Death: stratum 0, where the reference identifier is a code, not a clock.</summary>
    public bool IsKissOfDeath => Stratum == 0;

    /// <summary>The kiss code of a Kiss-o'-Death (DENY, RSTR, RATE…), else null.</summary>
    public string? KissCode => IsKissOfDeath ? Ascii(ReferenceId) : null;

    /// <summary>The reference identifier as the RFC reads it: four ASCII letters for stratum 0 and 1, a dotted IPv4 address above.</summary>
    public string ReferenceIdText => Stratum <= 1 ? Ascii(ReferenceId) : Address(ReferenceId);

    /// <summary>A client's request as RFC 4330 §5 has it: mode 3, the given version, every field zero but the transmit timestamp.</summary>
    /// <param name="transmit">T1, when the request leaves; the reply must carry it back as its origin timestamp.</param>
    /// <param name="version">The version to ask in, 1 to 4.</param>
    public static NtpPacket ClientRequest(NtpTimestamp transmit, int version = CurrentVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, CurrentVersion);
        return new NtpPacket { Mode = NtpMode.Client, Version = version, Transmit = transmit };
    }

    /// <summary>The reference identifier for a four-letter ASCII code ("LOCL", "RATE"), padded with zero bytes.</summary>
    /// <exception cref="ArgumentException">Not one to four printable ASCII letters.</exception>
    public static uint AsciiReferenceId(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length is < 1 or > 4 || code.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException($"A reference identifier code is 1 to 4 printable ASCII characters; '{code}' is not.", nameof(code));
        }
        Span<byte> bytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(code, bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>Reads a packet from <paramref name="bytes"/>; bytes past the 48 (extensions, authentication) are ignored.</summary>
    /// <exception cref="NtpFormatException">Fewer than 48 bytes.</exception>
    public static NtpPacket Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            throw new NtpFormatException($"An NTP packet is at least {Size} bytes; this one has {bytes.Length}.");
        }
        return new NtpPacket
        {
            Leap = (LeapIndicator)(bytes[0] >> 6),
            Version = (bytes[0] >> 3) & 0b111,
            Mode = (NtpMode)(bytes[0] & 0b111),
            Stratum = bytes[1],
            Poll = (sbyte)bytes[2],
            Precision = (sbyte)bytes[3],
            RootDelay = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
            RootDispersion = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            ReferenceId = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
            Reference = NtpTimestamp.Read(bytes[16..]),
            Origin = NtpTimestamp.Read(bytes[24..]),
            Receive = NtpTimestamp.Read(bytes[32..]),
            Transmit = NtpTimestamp.Read(bytes[40..]),
        };
    }

    /// <summary>The 48 bytes, in network byte order.</summary>
    /// <exception cref="NtpFormatException">The version is not 0 to 7, or the leap indicator or mode is out of range.</exception>
    public byte[] ToBytes()
    {
        if (Version is < 0 or > 7 || (int)Leap is < 0 or > 3 || (int)Mode is < 0 or > 7)
        {
            throw new NtpFormatException($"Version {Version}, leap indicator {(int)Leap} and mode {(int)Mode} do not fit their 3, 2 and 3 bits.");
        }
        var bytes = new byte[Size];
        bytes[0] = (byte)(((int)Leap << 6) | (Version << 3) | (int)Mode);
        bytes[1] = Stratum;
        bytes[2] = (byte)Poll;
        bytes[3] = (byte)Precision;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), RootDelay);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), RootDispersion);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), ReferenceId);
        Reference.Write(bytes.AsSpan(16));
        Origin.Write(bytes.AsSpan(24));
        Receive.Write(bytes.AsSpan(32));
        Transmit.Write(bytes.AsSpan(40));
        return bytes;
    }

    /// <summary>Every field with its place in the packet (counting from <paramref name="offset"/>) and its value, as the RFC names them.</summary>
    public IReadOnlyList<HeaderField> Fields(int offset = 0)
    {
        const string L = "NTP";
        return
        [
            new(L, "LI, VN, Mode", offset, 1, $"LI {(int)Leap} ({Describe(Leap)}), version {Version}, mode {(int)Mode} ({Mode.ToString().ToLowerInvariant()})"),
            new(L, "stratum", offset + 1, 1, Stratum.ToString(CultureInfo.InvariantCulture) + StratumMeaning()),
            new(L, "poll", offset + 2, 1, Power(Poll)),
            new(L, "precision", offset + 3, 1, Power(Precision)),
            new(L, "root delay", offset + 4, 4, Seconds(RootDelaySeconds)),
            new(L, "root dispersion", offset + 8, 4, Seconds(RootDispersionSeconds)),
            new(L, "reference ID", offset + 12, 4, ReferenceIdText.Length == 0 ? "(none)" : ReferenceIdText),
            new(L, "reference timestamp", offset + 16, 8, Reference.ToString()),
            new(L, "origin timestamp", offset + 24, 8, Origin.ToString()),
            new(L, "receive timestamp", offset + 32, 8, Receive.ToString()),
            new(L, "transmit timestamp", offset + 40, 8, Transmit.ToString()),
        ];
    }

    /// <summary>The 48 bytes as a hex dump with every field named.</summary>
    public Display.HexDump ToHexDump()
    {
        var dump = Display.HexDump.Of(ToBytes());
        foreach (var field in Fields())
        {
            dump.WithField(field.Offset, field.Length, field.Name, field.Value);
        }
        return dump;
    }

    /// <summary>The annotated hex dump, for a notebook.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => ToHexDump().ToMimeBundle();

    /// <summary>One line: "NTPv4 server, stratum 1 (LOCL), transmit 2026-12-01 08:14:45.536652 UTC".</summary>
    public override string ToString() =>
        $"NTPv{Version} {Mode.ToString().ToLowerInvariant()}, stratum {Stratum}{(ReferenceIdText.Length > 0 ? $" ({ReferenceIdText})" : "")}, transmit {Transmit}";

    /// <summary>The Info line the wire view shows: "NTP Version 4, client" or "NTP Version 4, server".</summary>
    internal string Info => IsKissOfDeath && Mode == NtpMode.Server
        ? $"NTP Version {Version}, server, Kiss-o'-Death {KissCode}"
        : $"NTP Version {Version}, {Mode.ToString().ToLowerInvariant()}";

    private string StratumMeaning() => Stratum switch
    {
        0 => Mode == NtpMode.Client ? " (unspecified)" : " (Kiss-o'-Death)",
        1 => " (primary: its own reference clock)",
        >= 2 and <= 15 => " (secondary)",
        _ => " (unsynchronised)",
    };

    private static string Describe(LeapIndicator leap) => leap switch
    {
        LeapIndicator.NoWarning => "no warning",
        LeapIndicator.LastMinuteHas61Seconds => "last minute has 61 s",
        LeapIndicator.LastMinuteHas59Seconds => "last minute has 59 s",
        _ => "clock unsynchronised",
    };

    private static string Power(sbyte exponent) =>
        $"{exponent} (2^{exponent} s = {Seconds(Math.Pow(2, exponent))})";

    private static string Seconds(double seconds) => seconds switch
    {
        0 => "0 s",
        >= 1 => $"{seconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
        >= 0.001 => $"{(seconds * 1e3).ToString("0.###", CultureInfo.InvariantCulture)} ms",
        _ => $"{(seconds * 1e6).ToString("0.###", CultureInfo.InvariantCulture)} µs",
    };

    private static string Address(uint id)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, id);
        return new IPAddress(bytes).ToString();
    }

    private static string Ascii(uint id)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, id);
        var text = new StringBuilder(4);
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                break;
            }
            text.Append(b is >= 0x21 and <= 0x7E ? (char)b : '?');
        }
        return text.ToString();
    }
}
