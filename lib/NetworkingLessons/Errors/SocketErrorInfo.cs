using System.Net.Sockets;

namespace NetworkingLessons.Errors;

/// <summary>What a socket error means, for a reader who knows C or Python.</summary>
/// <param name="Error">.NET's name for it.</param>
/// <param name="Errno">The C name on this system (ECONNREFUSED), or the getaddrinfo code (EAI_NONAME) for a lookup error; empty when there is none.</param>
/// <param name="Number">Its number on this system (111 for ECONNREFUSED on Linux), or null when it has none here.</param>
/// <param name="Python">The exception Python raises for it: ConnectionRefusedError, TimeoutError, socket.gaierror…</param>
/// <param name="Cause">The likely cause, in one line.</param>
/// <param name="Advice">What to try.</param>
public sealed record SocketErrorInfo(SocketError Error, string Errno, int? Number, string Python, string Cause, string Advice)
{
    /// <summary>"ConnectionRefused (ECONNREFUSED 111, Python's ConnectionRefusedError): cause. Try: advice."</summary>
    public override string ToString()
    {
        var c = Errno.Length == 0 ? "" : Number is int n ? $"{Errno} {n}, " : $"{Errno}, ";
        return $"{Error} ({c}Python's {Python}): {Cause} Try: {Advice}";
    }
}
