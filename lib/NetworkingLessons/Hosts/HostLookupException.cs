using System.Net.Sockets;

namespace NetworkingLessons.Hosts;

/// <summary>
/// A lookup that did not find an answer: the name is unknown, the name service failed, or the
/// lookup ran out of time. <see cref="SocketError"/> says which, as Python's <c>socket.gaierror</c>
/// carries an <c>EAI_*</c> code.
/// </summary>
public sealed class HostLookupException : Exception
{
    /// <summary>Creates the exception for the name or address <paramref name="query"/>.</summary>
    public HostLookupException(string query, SocketError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Query = query;
        SocketError = error;
    }

    /// <summary>The name (or address, for a reverse lookup) that was looked up.</summary>
    public string Query { get; }

    /// <summary>
    /// Why: <see cref="SocketError.HostNotFound"/> (Python's <c>EAI_NONAME</c>: no such name),
    /// <see cref="SocketError.TryAgain"/> (<c>EAI_AGAIN</c>: the name service did not answer),
    /// <see cref="SocketError.TimedOut"/> (the lookup ran past its timeout), or another code.
    /// </summary>
    public SocketError SocketError { get; }
}
