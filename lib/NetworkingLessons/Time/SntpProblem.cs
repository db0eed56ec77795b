namespace NetworkingLessons.Time;

/// <summary>Why an SNTP query gave no time (RFC 4330 §5 and §10, RFC 5905 §7.4).</summary>
public enum SntpProblem
{
    /// <summary>No acceptable reply came before the last attempt timed out.</summary>
    NoReply,
    /// <summary>The reply's mode is not 4 (server).</summary>
    NotAServerReply,
    /// <summary>The reply's version is not the request's.</summary>
    VersionMismatch,
    /// <summary>The reply's receive or transmit timestamp is zero.</summary>
    ZeroTimestamp,
    /// <summary>The server says its own clock is not synchronised (leap indicator 3, or stratum 16 or more).</summary>
    Unsynchronized,
    /// <summary>The server sent a Kiss-o'-Death (stratum 0): its code says why, and its timestamps are not to be used.</summary>
    KissOfDeath,
    /// <summary>This server was asked less than the minimum poll interval ago (RFC 4330 §10), or asked the client to slow down.</summary>
    TooSoon,
    /// <summary>This server denied or restricted access (kiss code DENY or RSTR); it is not asked again.</summary>
    Denied,
}
