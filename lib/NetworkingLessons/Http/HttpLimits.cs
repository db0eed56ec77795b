namespace NetworkingLessons.Http;

/// <summary>The most an HTTP response may hold before the reader gives up on it: a server's bytes are untrusted input.</summary>
public sealed record HttpLimits
{
    /// <summary>The longest status line or header line, in bytes.</summary>
    public int MaxLineBytes { get; init; } = 8 * 1024;

    /// <summary>The most bytes of status line and headers together.</summary>
    public int MaxHeadBytes { get; init; } = 64 * 1024;

    /// <summary>The largest body, in bytes.</summary>
    public int MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The limits used when none are given.</summary>
    public static HttpLimits Default { get; } = new();
}
