using System.Net;

namespace NetworkingLessons.Hosts;

/// <summary>
/// Something that answers lookups: given a name (or an address as text, for a reverse lookup), the
/// host's entry. <see cref="NameServices"/> has the system resolver and stand-ins that show how
/// lookups fail.
/// </summary>
/// <param name="query">The name or address to look up.</param>
/// <param name="cancellationToken">Stops the lookup.</param>
/// <returns>The entry; a failure is a <see cref="System.Net.Sockets.SocketException"/>.</returns>
public delegate Task<IPHostEntry> NameService(string query, CancellationToken cancellationToken);
