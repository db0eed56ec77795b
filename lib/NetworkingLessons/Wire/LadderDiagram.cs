using System.Globalization;
using System.Net;
using System.Text;

namespace NetworkingLessons.Wire;

/// <summary>
/// A ladder diagram of a trace: one vertical line per endpoint, one arrow per packet from sender to
/// receiver, labelled with its flags and relative numbers, time running down the page. Drawn by
/// the library as SVG, so it shows everywhere (the static site, GitHub, a terminal's text form).
/// </summary>
public sealed class LadderDiagram
{
    /// <summary>The most endpoints drawn; packets between others are left out and counted.</summary>
    public const int MaxEndpoints = 4;

    private const int Width = 760;
    private const int Top = 64;
    private const int Row = 34;
    private const int Left = 200;
    private const int Right = 600;

    private readonly PacketTrace _trace;
    private readonly List<string> _endpoints = [];
    private readonly List<(DecodedPacket Packet, int From, int To, string Label, string Colour)> _arrows = [];

    internal LadderDiagram(PacketTrace trace)
    {
        _trace = trace;
        foreach (var packet in trace.Where(p => p.SourcePort is not null))
        {
            var from = Column(packet.SourceEndpoint);
            var to = Column(packet.DestinationEndpoint);
            if (from < 0 || to < 0)
            {
                LeftOut++;
                continue;
            }
            _arrows.Add((packet, from, to, Label(packet), Colour(packet)));
        }
    }

    /// <summary>The endpoints, left to right: the first packet's sender first.</summary>
    public IReadOnlyList<string> Endpoints => _endpoints;

    /// <summary>How many packets are not drawn (between endpoints past <see cref="MaxEndpoints"/>).</summary>
    public int LeftOut { get; }

    /// <summary>Each arrow's label, in order.</summary>
    public IReadOnlyList<string> Labels => [.. _arrows.Select(a => a.Label)];

    private int Column(string endpoint)
    {
        var index = _endpoints.IndexOf(endpoint);
        if (index >= 0)
        {
            return index;
        }
        if (_endpoints.Count == MaxEndpoints)
        {
            return -1;
        }
        _endpoints.Add(endpoint);
        return _endpoints.Count - 1;
    }

    private string Label(DecodedPacket packet)
    {
        if (packet.Tcp is { } tcp)
        {
            var (sequence, acknowledgment) = _trace.Relative(packet);
            var label = new StringBuilder(tcp.FlagNames).Append(CultureInfo.InvariantCulture, $" Seq={sequence}");
            if (acknowledgment is { } ack)
            {
                label.Append(CultureInfo.InvariantCulture, $" Ack={ack}");
            }
            if (tcp.PayloadLength > 0)
            {
                label.Append(CultureInfo.InvariantCulture, $" Len={tcp.PayloadLength}");
            }
            return label.ToString();
        }
        return packet.PayloadInfo ?? $"{packet.Protocol} Len={packet.Udp?.PayloadLength ?? packet.Payload.Length}";
    }

    private static string Colour(DecodedPacket packet) => packet.Tcp?.Flags switch
    {
        { } f when f.HasFlag(TcpFlags.Rst) => "#b91c1c",
        { } f when f.HasFlag(TcpFlags.Syn) => "#15803d",
        { } f when f.HasFlag(TcpFlags.Fin) => "#1d4ed8",
        { } when packet.Tcp.PayloadLength > 0 => "#111827",
        { } => "#6b7280",
        null => "#7c3aed",
    };

    private double X(int column) => _endpoints.Count <= 1 ? (Left + Right) / 2.0 : Left + column * (Right - Left) / (double)(_endpoints.Count - 1);

    /// <summary>The diagram as SVG.</summary>
    public string ToSvg()
    {
        var height = Top + Math.Max(1, _arrows.Count) * Row + 40;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"system-ui,sans-serif\" font-size=\"12\">");
        svg.Append("<defs><marker id=\"nl-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker></defs>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        svg.Append("<text x=\"16\" y=\"40\" fill=\"#6b7280\">time (ms)</text>");
        for (var i = 0; i < _endpoints.Count; i++)
        {
            var x = X(i);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"24\" text-anchor=\"middle\" font-weight=\"600\" fill=\"#111827\">{Encode(_endpoints[i])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Top - 18}\" x2=\"{x:0.#}\" y2=\"{height - 16}\" stroke=\"#9ca3af\" stroke-width=\"2\"/>");
        }
        if (_arrows.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Top + 12}\" text-anchor=\"middle\" fill=\"#6b7280\">No TCP or UDP packets</text>");
        }
        for (var i = 0; i < _arrows.Count; i++)
        {
            var (packet, from, to, label, colour) = _arrows[i];
            var y = Top + i * Row;
            var (x1, x2) = (X(from), X(to));
            var milliseconds = (_trace.Seconds(packet) * 1000).ToString("0.000", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{y + 16}\" fill=\"#6b7280\">{milliseconds}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1:0.#}\" y1=\"{y}\" x2=\"{x2:0.#}\" y2=\"{y + 20}\" stroke=\"{colour}\" stroke-width=\"1.6\" marker-end=\"url(#nl-arrow)\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(x1 + x2) / 2:0.#}\" y=\"{y + 6}\" text-anchor=\"middle\" fill=\"{colour}\">{Encode($"{packet.Number}. {label}")}</text>");
        }
        if (LeftOut > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{height - 4}\" fill=\"#6b7280\">{LeftOut} packets between other endpoints are not drawn.</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The diagram as text: one line per arrow.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Join("  |  ", _endpoints));
        foreach (var (packet, from, to, label, _) in _arrows)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture,
                $"{_trace.Seconds(packet) * 1000,10:0.000} ms  {_endpoints[from]} {(from <= to ? "──►" : "◄──")} {_endpoints[to]}  {packet.Number}. {label}");
        }
        return text.ToString();
    }

    /// <summary>SVG for front ends that draw it, text for those that do not.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() =>
        new Dictionary<string, string> { ["text/plain"] = ToString(), ["image/svg+xml"] = ToSvg() };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
