using System.Collections.Concurrent;
using NetworkingLessons.Time;

namespace NetworkingLessons.Wire;

/// <summary>
/// The payloads the course knows how to read, chosen by port: the one place a lesson's protocol
/// joins the wire view. NTP over UDP on port 123, or on any port the course's own SNTP server has
/// served in this process.
/// </summary>
public static class PayloadProtocols
{
    private static readonly ConcurrentDictionary<int, bool> NtpPorts = new() { [NtpPacket.Port] = true };

    /// <summary>Marks <paramref name="port"/> as carrying NTP, so captures decode its datagrams field by field.</summary>
    public static void ServeNtpOn(int port)
    {
        Services.Ports.Validate(port);
        NtpPorts[port] = true;
    }

    internal static void Describe(DecodedPacket packet, int sourcePort, int destinationPort)
    {
        if (packet.Udp is not null && (NtpPorts.ContainsKey(sourcePort) || NtpPorts.ContainsKey(destinationPort))
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
