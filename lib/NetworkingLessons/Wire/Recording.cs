namespace NetworkingLessons.Wire;

/// <summary>
/// Captures the course's own tools recorded on loopback (<c>lessons record-captures</c>), shipped
/// with the library: what a lesson shows, marked as recorded, where this machine cannot capture.
/// </summary>
public enum Recording
{
    /// <summary>A TCP connection: the three-way handshake, a few bytes each way, and the close.</summary>
    TcpConnection,
    /// <summary>A TCP connection ended by a reset: the client closes with SO_LINGER 0.</summary>
    TcpReset,
    /// <summary>A UDP request and its reply.</summary>
    UdpExchange,
    /// <summary>An SNTP query to the course's server and its reply (lesson 09).</summary>
    SntpExchange,
    /// <summary>Ten datagrams to a UDP echo server through the course's lossy relay (seed 3): some dropped, doubled or reordered (lesson 11).</summary>
    LossyRelay,
}
