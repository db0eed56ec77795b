namespace NetworkingLessons.Sockets;

/// <summary>The states of a TCP connection (RFC 9293 §3.3.2), numbered as Linux numbers them in /proc/net/tcp.</summary>
public enum TcpState
{
    /// <summary>Data flows both ways.</summary>
    Established = 1,
    /// <summary>A SYN went out; waiting for SYN-ACK.</summary>
    SynSent = 2,
    /// <summary>A SYN came in and SYN-ACK went out; waiting for the ACK.</summary>
    SynReceived = 3,
    /// <summary>This side sent FIN; waiting for its ACK.</summary>
    FinWait1 = 4,
    /// <summary>This side's FIN is acknowledged; waiting for the peer's FIN.</summary>
    FinWait2 = 5,
    /// <summary>Both sides closed; this side (the one that closed first) waits twice the segment lifetime before forgetting the connection.</summary>
    TimeWait = 6,
    /// <summary>Closed.</summary>
    Close = 7,
    /// <summary>The peer sent FIN; this side has not closed yet.</summary>
    CloseWait = 8,
    /// <summary>This side sent FIN after the peer's; waiting for its ACK.</summary>
    LastAck = 9,
    /// <summary>A listening socket, waiting for SYNs.</summary>
    Listen = 10,
    /// <summary>Both sides sent FIN at once.</summary>
    Closing = 11,
}
