namespace NetworkingLessons.Http;

/// <summary>How an HTTP/1.1 response said where its body ends (RFC 9112 §6.3).</summary>
public enum HttpFraming
{
    /// <summary>No body: a 1xx, 204 or 304 status, or a reply to HEAD.</summary>
    NoBody,
    /// <summary>A <c>Content-Length</c> header gave the body's size in bytes.</summary>
    ContentLength,
    /// <summary><c>Transfer-Encoding: chunked</c>: the body came in chunks, each after its size in hex, ending with a chunk of size 0.</summary>
    Chunked,
    /// <summary>Neither: the body is everything until the server closes the connection.</summary>
    UntilClose,
}
