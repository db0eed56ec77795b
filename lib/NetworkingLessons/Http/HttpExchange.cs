namespace NetworkingLessons.Http;

/// <summary>One request written by hand and the response read back, with the TLS session when there was one.</summary>
/// <param name="Request">The request exactly as sent.</param>
/// <param name="Response">The response as read.</param>
/// <param name="Tls">The TLS session, or null for plain HTTP.</param>
public sealed record HttpExchange(string Request, HttpResponse Response, TlsSession? Tls);
