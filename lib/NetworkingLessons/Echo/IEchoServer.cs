using System.Net;

namespace NetworkingLessons.Echo;

/// <summary>A running echo server, whatever its design: where it listens, and how to stop it.</summary>
public interface IEchoServer : IAsyncDisposable
{
    /// <summary>Where the server listens.</summary>
    IPEndPoint EndPoint { get; }

    /// <summary>Connections open now.</summary>
    int Connections { get; }
}
