using System.Security.Authentication;

namespace NetworkingLessons.Http;

/// <summary>What a TLS handshake settled: the protocol version and cipher suite the two sides chose, and who the server proved to be.</summary>
/// <param name="HostName">The name the client asked for (sent as SNI, and checked against the certificate).</param>
/// <param name="Protocol">The TLS version the operating system negotiated.</param>
/// <param name="CipherSuite">The cipher suite.</param>
/// <param name="Subject">The server certificate's subject.</param>
/// <param name="Issuer">Who signed it.</param>
/// <param name="NotAfter">When it expires.</param>
public sealed record TlsSession(string HostName, SslProtocols Protocol, string CipherSuite, string Subject, string Issuer, DateTime NotAfter);
