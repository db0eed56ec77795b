using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Hosts;

/// <summary>The name services a lookup can ask: the real one, and stand-ins for seeing failures happen.</summary>
public static class NameServices
{
    /// <summary>
    /// The system resolver: the hosts file, then DNS, as Python's <c>gethostbyname_ex</c> and
    /// <c>gethostbyaddr</c> (and .NET's <c>Dns.GetHostEntry</c>) ask it.
    /// </summary>
    public static NameService System { get; } = (query, cancellationToken) =>
        Dns.GetHostEntryAsync(query, AddressFamily.Unspecified, cancellationToken);

    /// <summary>
    /// A name service that never answers, like a DNS server behind a broken link: a lookup that
    /// asks it runs out of time. Nothing leaves this machine.
    /// </summary>
    public static NameService Silent { get; } = async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException("not reached: the delay never ends but by cancellation");
    };

    /// <summary>A name service that fails every lookup with <paramref name="error"/>, as a broken resolver does.</summary>
    public static NameService Failing(SocketError error) => (_, _) => Task.FromException<IPHostEntry>(new SocketException((int)error));
}
