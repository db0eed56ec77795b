using System.Buffers.Binary;
using System.Text;
using NetworkingLessons.Display;

namespace NetworkingLessons.Jupyter;

/// <summary>
/// Lesson 16's reading of ZMTP off a raw stream, and the hex dumps that name each byte: the
/// greeting's fields, a frame's flags and size, and the parts of a Jupyter message. (The course's
/// kernel has its own codec in NetworkingLessons.Kernel; this one exists to be read beside the bytes.)
/// </summary>
public static class ZmtpWire
{
    /// <summary>The largest frame read here: 16 MiB, checked before the body is allocated.</summary>
    public const int MaxFrameBytes = 16 << 20;

    /// <summary>Reads one frame.</summary>
    /// <exception cref="FormatException">Reserved flag bits are set, or the size is over <see cref="MaxFrameBytes"/>.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside the frame.</exception>
    public static ZmtpWireFrame ReadFrame(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var flags = ReadByte(stream);
        if ((flags & ZmtpFlags.Reserved) != 0)
        {
            throw new FormatException($"ZMTP frame: flags 0x{flags:X2} set reserved bits 3-7.");
        }
        byte[] size;
        long length;
        if ((flags & ZmtpFlags.Long) != 0)
        {
            size = new byte[8];
            stream.ReadExactly(size);
            var declared = BinaryPrimitives.ReadUInt64BigEndian(size);
            length = declared > MaxFrameBytes ? long.MaxValue : (long)declared;
        }
        else
        {
            size = [ReadByte(stream)];
            length = size[0];
        }
        if (length > MaxFrameBytes)
        {
            throw new FormatException($"ZMTP frame: a size of {BinaryPrimitives.ReadUInt64BigEndian(size)} bytes is over the {MaxFrameBytes}-byte limit.");
        }
        var body = new byte[length];
        stream.ReadExactly(body);
        return new ZmtpWireFrame(flags, body, [flags, .. size, .. body]);
    }

    /// <summary>Reads frames up to one without MORE: one message (commands before it are skipped).</summary>
    public static List<ZmtpWireFrame> ReadMessage(Stream stream)
    {
        var frames = new List<ZmtpWireFrame>();
        while (true)
        {
            var frame = ReadFrame(stream);
            if (frame.IsCommand && frames.Count == 0)
            {
                continue;
            }
            frames.Add(frame);
            if (!frame.More)
            {
                return frames;
            }
        }
    }

    private static byte ReadByte(Stream stream) =>
        stream.ReadByte() is var b and >= 0 ? (byte)b : throw new EndOfStreamException("ZMTP: the connection ended inside a frame.");

    /// <summary>A 64-byte greeting with each field named.</summary>
    /// <exception cref="ArgumentException">Not 64 bytes.</exception>
    public static HexDump Greeting(byte[] greeting)
    {
        ArgumentNullException.ThrowIfNull(greeting);
        if (greeting.Length != 64)
        {
            throw new ArgumentException($"A ZMTP greeting is 64 bytes, not {greeting.Length}.", nameof(greeting));
        }
        var mechanism = Encoding.ASCII.GetString(greeting, 12, 20).TrimEnd('\0');
        return HexDump.Of(greeting)
            .WithField(0, 1, "signature start", "0xFF")
            .WithField(1, 8, "padding", "not checked")
            .WithField(9, 1, "signature end", "0x7F")
            .WithField(10, 1, "major version", greeting[10].ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithField(11, 1, "minor version", greeting[11].ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithField(12, 20, "mechanism", mechanism)
            .WithField(32, 1, "as-server", greeting[32] == 0 ? "0 (NULL has no server)" : "1")
            .WithField(33, 31, "filler", "zeros");
    }

    /// <summary>
    /// The frames of one message, each byte named: flags (MORE, LONG, COMMAND), size, and the body
    /// by its place in a Jupyter message (identities, the &lt;IDS|MSG&gt; delimiter, signature,
    /// header, parent header, metadata, content, buffers) or as a command's name.
    /// </summary>
    public static HexDump Frames(IReadOnlyList<ZmtpWireFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var bytes = frames.SelectMany(f => f.Raw).ToArray();
        var dump = HexDump.Of(bytes);
        string[] afterDelimiter = ["signature", "header", "parent header", "metadata", "content"];
        var delimiter = frames.ToList().FindIndex(f => f.Body.AsSpan().SequenceEqual("<IDS|MSG>"u8));
        var offset = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var flags = string.Join("+", new[] { frame.More ? "MORE" : null, (frame.Flags & ZmtpFlags.Long) != 0 ? "LONG" : null, frame.IsCommand ? "COMMAND" : null }.Where(f => f is not null));
            var sizeLength = (frame.Flags & ZmtpFlags.Long) != 0 ? 8 : 1;
            dump.WithField(offset, 1, $"frame {i + 1} flags", flags.Length == 0 ? "last frame" : flags);
            dump.WithField(offset + 1, sizeLength, $"frame {i + 1} size", frame.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (frame.Body.Length > 0)
            {
                var role = frame.IsCommand ? $"command {Encoding.ASCII.GetString(frame.Body, 1, Math.Min(frame.Body[0], frame.Body.Length - 1))}"
                    : delimiter < 0 ? "data"
                    : i < delimiter ? "identity"
                    : i == delimiter ? "delimiter"
                    : i - delimiter - 1 < afterDelimiter.Length ? afterDelimiter[i - delimiter - 1]
                    : "buffer";
                dump.WithField(offset + 1 + sizeLength, frame.Body.Length, $"frame {i + 1}: {role}", Preview(frame.Body));
            }
            offset += frame.Raw.Length;
        }
        return dump;
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 60));
        return text.All(c => !char.IsControl(c)) ? text + (body.Length > 60 ? "…" : "") : $"{body.Length} bytes";
    }
}
