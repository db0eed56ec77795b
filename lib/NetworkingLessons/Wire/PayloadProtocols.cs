using System.Collections.Immutable;
using NetworkingLessons.Time;

namespace NetworkingLessons.Wire;

/// <summary>
/// The payloads the course knows how to read, chosen by port: the one place a lesson's protocol
/// joins the wire view. NTP over UDP on port 123, or on any port the course's own SNTP server has
/// served in this process.
/// </summary>
public static class PayloadProtocols
{
    private static ImmutableHashSet<int> _ntpPorts = [NtpPacket.Port];

    /// <summary>Marks <paramref name="port"/> as carrying NTP, so captures decode its datagrams field by field.</summary>
    public static void ServeNtpOn(int port)
    {
        Services.Ports.Validate(port);
        ImmutableInterlocked.Update(ref _ntpPorts, ports => ports.Add(port));
    }

    internal static void Describe(DecodedPacket packet, int sourcePort, int destinationPort)
    {
        if (packet.Udp is not null && (_ntpPorts.Contains(sourcePort) || _ntpPorts.Contains(destinationPort))
            && packet.Payload.Length >= NtpPacket.Size)
        {
            var ntp = NtpPacket.Parse(packet.Payload.Span);
            packet.PayloadProtocol = "NTP";
            packet.PayloadInfo = ntp.Info;
            foreach (var field in ntp.Fields(packet.PayloadOffset))
            {
                packet.Add(field.Layer, field.Name, field.Offset, field.Length, field.Value);
            }
        }
    }
}
