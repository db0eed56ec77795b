namespace NetworkingLessons.Wire;

/// <summary>The control bits of a TCP header (RFC 9293 §3.1), lowest bit first.</summary>
[Flags]
public enum TcpFlags
{
    /// <summary>No bits set.</summary>
    None = 0,
    /// <summary>FIN: no more data from the sender.</summary>
    Fin = 0x01,
    /// <summary>SYN: synchronise sequence numbers (opens a connection).</summary>
    Syn = 0x02,
    /// <summary>RST: reset the connection.</summary>
    Rst = 0x04,
    /// <summary>PSH: push the data to the application.</summary>
    Psh = 0x08,
    /// <summary>ACK: the acknowledgement number is valid.</summary>
    Ack = 0x10,
    /// <summary>URG: the urgent pointer is valid.</summary>
    Urg = 0x20,
    /// <summary>ECE: ECN echo.</summary>
    Ece = 0x40,
    /// <summary>CWR: congestion window reduced.</summary>
    Cwr = 0x80,
}
