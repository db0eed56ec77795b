namespace NetworkingLessons.Services;

/// <summary>No service has that name or port for that protocol (Python: <c>OSError: service/proto not found</c>).</summary>
public sealed class ServiceNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public ServiceNotFoundException(string query, string message) : base(message) => Query = query;

    /// <summary>What was looked for: "gopherx/tcp", "54321/udp", "xyz".</summary>
    public string Query { get; }
}
