namespace NetworkingLessons.Wire;

/// <summary>
/// The payloads the course knows how to read, chosen by port: the one place a lesson's protocol
/// joins the wire view (NTP, from lesson 09, on port 123 or a port a capture names).
/// </summary>
internal static class PayloadProtocols
{
    public static void Describe(DecodedPacket packet, int sourcePort, int destinationPort)
    {
        // No protocol views yet beyond the transport; lessons add theirs here.
        _ = packet;
        _ = sourcePort;
        _ = destinationPort;
    }
}
