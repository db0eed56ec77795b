using System.Globalization;
using System.Text;

namespace NetworkingLessons.Framing;

/// <summary>
/// The tutorials' framing: a fixed-width header holding the message's length in decimal ASCII,
/// left-aligned and padded with spaces (Python's <c>f"{len(msg):&lt;10}"</c>), then the message.
/// </summary>
public sealed class DecimalHeaderFramer : Framer
{
    /// <summary>Creates a framer with a header of <paramref name="headerWidth"/> characters (10, as the tutorials).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is outside 1 to 18, or cannot hold the limit.</exception>
    public DecimalHeaderFramer(int headerWidth = 10, int maxFrameBytes = DefaultMaxFrameBytes)
        : base(maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(headerWidth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headerWidth, 18);
        HeaderWidth = headerWidth;
    }

    /// <summary>The header's width in characters.</summary>
    public int HeaderWidth { get; }

    /// <inheritdoc/>
    public override string Name => $"{HeaderWidth}-character decimal header";

    /// <inheritdoc/>
    public override byte[] Encode(ReadOnlySpan<byte> message)
    {
        CheckSize(message.Length, "A message");
        var header = message.Length.ToString(CultureInfo.InvariantCulture);
        if (header.Length > HeaderWidth)
        {
            throw new FramingException($"A length of {message.Length:N0} does not fit a {HeaderWidth}-character header.");
        }
        return [.. Encoding.ASCII.GetBytes(header.PadRight(HeaderWidth)), .. message];
    }

    private protected override async Task<byte[]?> ReadAsync(FrameReader reader)
    {
        reader.StartFrame();
        if (await reader.AtEndAsync())
        {
            return null;
        }
        var header = new byte[HeaderWidth];
        var got = await reader.ReadExactlyAsync(header);
        if (got < HeaderWidth)
        {
            throw new EndOfStreamException($"The stream ended after {got} of the header's {HeaderWidth} characters.");
        }
        var text = Encoding.ASCII.GetString(header);
        var digits = text.TrimEnd(' ');
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new FramingException($"The header \"{Printable(text)}\" is not a length: digits, then spaces.");
        }
        var length = long.Parse(digits, CultureInfo.InvariantCulture);
        CheckSize(length, "A header announcing a message");
        var message = new byte[length];
        var body = await reader.ReadExactlyAsync(message);
        return body == length ? message
            : throw new EndOfStreamException($"The stream ended after {body:N0} of the {length:N0} bytes the header announced: {length - body:N0} missing.");
    }

    private static string Printable(string text) => new([.. text.Select(c => c is < ' ' or > '~' ? '·' : c)]);
}
