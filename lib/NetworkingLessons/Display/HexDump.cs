using System.Globalization;
using System.Net;
using System.Text;

namespace NetworkingLessons.Display;

/// <summary>
/// Bytes shown as a hex dump: offset, sixteen bytes in hex, and the same bytes as ASCII, like
/// <c>hexdump -C</c>. Named fields (<see cref="WithField"/>) are coloured in HTML and listed under
/// the dump.
/// </summary>
public sealed class HexDump
{
    private const int BytesPerLine = 16;
    private static readonly string[] Colours = ["#dbeafe", "#fde68a", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc", "#e5e7eb"];

    private readonly byte[] _bytes;
    private readonly List<ByteField> _fields = [];

    private HexDump(byte[] bytes) => _bytes = bytes;

    /// <summary>A dump of <paramref name="bytes"/> (copied: later changes to the array do not show).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    public static HexDump Of(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    /// <summary>A dump of <paramref name="bytes"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    public static HexDump Of(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Of(bytes.AsSpan());
    }

    /// <summary>The bytes shown.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The named fields, in the order added.</summary>
    public IReadOnlyList<ByteField> Fields => _fields;

    /// <summary>Names the bytes from <paramref name="offset"/> for <paramref name="length"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The field does not lie within the bytes, or overlaps another.</exception>
    public HexDump WithField(int offset, int length, string name, string? value = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (offset < 0 || length <= 0 || offset + length > _bytes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Field '{name}' at offset {offset}, length {length} does not lie within the {_bytes.Length} bytes.");
        }
        var clash = _fields.FirstOrDefault(f => offset < f.Offset + f.Length && f.Offset < offset + length);
        if (clash is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Field '{name}' (bytes {offset}–{offset + length - 1}) overlaps '{clash.Name}' (bytes {clash.Offset}–{clash.Offset + clash.Length - 1}).");
        }
        _fields.Add(new ByteField(offset, length, name, value));
        return this;
    }

    /// <summary>Plain text and HTML.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() =>
        new Dictionary<string, string> { ["text/plain"] = ToString(), ["text/html"] = ToHtml() };

    /// <summary>The dump as <c>hexdump -C</c> prints it, then the fields.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var line = 0; line < _bytes.Length; line += BytesPerLine)
        {
            text.Append(line.ToString("x8", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < BytesPerLine; i++)
            {
                text.Append(line + i < _bytes.Length ? _bytes[line + i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7)
                {
                    text.Append(' ');
                }
            }
            text.Append(" |").Append(Ascii(line)).Append("|\n");
        }
        text.Append(_bytes.Length.ToString("x8", CultureInfo.InvariantCulture));
        foreach (var field in _fields.OrderBy(f => f.Offset))
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"{field.Offset,4}..{field.Offset + field.Length - 1,-4} {field.Name}");
            if (field.Value is not null)
            {
                text.Append(" = ").Append(field.Value);
            }
        }
        return text.ToString();
    }

    private string ToHtml()
    {
        var colourOf = new Dictionary<int, string>();
        var ordered = _fields.OrderBy(f => f.Offset).ToList();
        for (var f = 0; f < ordered.Count; f++)
        {
            for (var i = ordered[f].Offset; i < ordered[f].Offset + ordered[f].Length; i++)
            {
                colourOf[i] = Colours[f % Colours.Length];
            }
        }
        var html = new StringBuilder("<pre style=\"font-family:monospace;line-height:1.35\">");
        for (var line = 0; line < _bytes.Length; line += BytesPerLine)
        {
            html.Append("<span style=\"color:#6b7280\">").Append(line.ToString("x8", CultureInfo.InvariantCulture)).Append("</span>  ");
            for (var i = 0; i < BytesPerLine && line + i < _bytes.Length; i++)
            {
                var hex = _bytes[line + i].ToString("x2", CultureInfo.InvariantCulture);
                html.Append(colourOf.TryGetValue(line + i, out var colour) ? $"<span style=\"background:{colour}\">{hex}</span> " : hex + " ");
                if (i == 7)
                {
                    html.Append(' ');
                }
            }
            html.Append(new string(' ', Math.Max(0, (BytesPerLine - Math.Min(BytesPerLine, _bytes.Length - line)) * 3)));
            html.Append(" |").Append(WebUtility.HtmlEncode(Ascii(line))).Append("|\n");
        }
        html.Append("</pre>");
        if (ordered.Count > 0)
        {
            html.Append("<table><tr><th>Bytes</th><th>Field</th><th>Value</th></tr>");
            for (var f = 0; f < ordered.Count; f++)
            {
                var field = ordered[f];
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td style=\"background:{Colours[f % Colours.Length]}\">{field.Offset}–{field.Offset + field.Length - 1}</td><td>{WebUtility.HtmlEncode(field.Name)}</td><td>{WebUtility.HtmlEncode(field.Value ?? "")}</td></tr>");
            }
            html.Append("</table>");
        }
        return html.ToString();
    }

    private string Ascii(int start)
    {
        var end = Math.Min(start + BytesPerLine, _bytes.Length);
        var text = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            text.Append(_bytes[i] is >= 0x20 and < 0x7f ? (char)_bytes[i] : '.');
        }
        return text.ToString();
    }
}
