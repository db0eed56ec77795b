using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace NetworkingLessons.Http;

/// <summary>A web site found for lesson 13: its name, where to connect for HTTP and HTTPS, whom to trust, and why this one.</summary>
/// <param name="Host">The name to send as Host and SNI, and to find on the certificate.</param>
/// <param name="Address">Where to connect; null means look <paramref name="Host"/> up.</param>
/// <param name="Port">The HTTP port.</param>
/// <param name="TlsPort">The HTTPS port.</param>
/// <param name="TrustedRoot">The authority to trust for HTTPS: the course's own for its embedded server; null for the system's roots.</param>
/// <param name="IsEmbedded">True for the course's own servers on loopback.</param>
/// <param name="Note">Which site this is and why: what the lesson prints.</param>
public sealed record WebSiteChoice(string Host, IPAddress? Address, int Port, int TlsPort, X509Certificate2? TrustedRoot, bool IsEmbedded, string Note)
{
    /// <inheritdoc/>
    public override string ToString() => Note;
}
