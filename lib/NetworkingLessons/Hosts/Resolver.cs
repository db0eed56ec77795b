using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Course;

namespace NetworkingLessons.Hosts;

/// <summary>
/// Forward and reverse lookups with a timeout and typed errors. Online it asks the system resolver
/// (hosts file, then DNS), like Python's <c>gethostbyname_ex</c> and <c>gethostbyaddr</c>; when that
/// cannot reach a name server (no network), it answers from the hosts file and says so. Offline
/// (<see cref="CourseEnvironment.IsOffline"/>) it answers only from the hosts file and IP literals and
/// sends no query anywhere. In both, the names RFC 6761 reserves are answered without asking:
/// <c>localhost</c> is the loopback, the loopback is <c>localhost</c>, and <c>.invalid</c> never exists.
/// </summary>
public static class Resolver
{
    /// <summary>How long a lookup may take unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>This machine's host name (Python's <c>socket.gethostname()</c>).</summary>
    public static string LocalHostName => Dns.GetHostName();

    /// <summary>Looks up <paramref name="name"/>: its canonical name, aliases and addresses.</summary>
    /// <param name="name">A host name, or an IP address as text (returned as it is).</param>
    /// <param name="timeout">How long to wait for the name service; <see cref="DefaultTimeout"/> by default.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="InvalidHostNameException">The name breaks the host-name rules; no lookup is tried.</exception>
    /// <exception cref="HostLookupException">No answer: unknown name, failed name service, or timeout.</exception>
    public static Task<HostEntry> LookupAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        LookupAsync(name, HostsFile.Load(), timeout, cancellationToken);

    /// <summary>Looks up <paramref name="name"/>, with <paramref name="hosts"/> as the hosts file (offline, and when the system resolver cannot be reached).</summary>
    /// <exception cref="InvalidHostNameException">The name breaks the host-name rules; no lookup is tried.</exception>
    /// <exception cref="HostLookupException">No answer: unknown name, failed name service, or timeout.</exception>
    public static Task<HostEntry> LookupAsync(string name, HostsFile hosts, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        LookupAsync(name, hosts, CourseEnvironment.IsOffline ? null : NameServices.System, fallBack: true, timeout, cancellationToken);

    /// <summary>
    /// Asks <paramref name="service"/> about <paramref name="name"/>, and nothing else: no hosts
    /// file first, no fallback. For seeing how a name service fails (<see cref="NameServices.Silent"/>).
    /// </summary>
    /// <exception cref="InvalidHostNameException">The name breaks the host-name rules; no lookup is tried.</exception>
    /// <exception cref="HostLookupException">No answer: unknown name, failed name service, or timeout.</exception>
    public static Task<HostEntry> LookupAsync(string name, NameService service, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        return LookupAsync(name, HostsFile.Parse("", "no hosts file"), service, fallBack: false, timeout, cancellationToken);
    }

    /// <summary>
    /// The lookup itself. <paramref name="service"/> null: offline, the hosts file only. With
    /// <paramref name="fallBack"/>, a name service that cannot be reached leaves the answer to the hosts file.
    /// </summary>
    internal static async Task<HostEntry> LookupAsync(string name, HostsFile hosts, NameService? service, bool fallBack,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(hosts);
        var limit = CheckTimeout(timeout);
        if (IsAddressLiteral(name, out var literal))
        {
            return new HostEntry(name, [], [literal], "the address itself");
        }
        HostName.Validate(name);
        cancellationToken.ThrowIfCancellationRequested();
        if (Reserved(name, hosts) is { } reserved)
        {
            return reserved;
        }
        if (service is null)
        {
            return hosts.Lookup(name) ?? throw new HostLookupException(name, SocketError.HostNotFound,
                $"'{name}' is not in {hosts.Source}, and offline lessons ask no DNS server (run the lesson online to ask one).");
        }
        try
        {
            var entry = await AskAsync(name, $"Looking up '{name}'", service, limit, cancellationToken);
            return new HostEntry(entry.HostName, entry.Aliases, entry.AddressList, "the system resolver (hosts file, then DNS)");
        }
        catch (HostLookupException ex) when (fallBack && CannotReach(ex.SocketError))
        {
            return hosts.Lookup(name) is { } local
                ? local with { Source = $"{local.Source}, because the system resolver could not reach a name server ({ex.SocketError})" }
                : throw new HostLookupException(name, ex.SocketError, $"{ex.Message} It is not in {hosts.Source} either.", ex);
        }
    }

    /// <summary>Finds the name of <paramref name="address"/> (Python's <c>gethostbyaddr</c>).</summary>
    /// <exception cref="HostLookupException">No name is known for the address, or the lookup timed out.</exception>
    public static Task<HostEntry> ReverseLookupAsync(IPAddress address, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ReverseLookupAsync(address, HostsFile.Load(), timeout, cancellationToken);

    /// <summary>Finds the name of <paramref name="address"/>, with <paramref name="hosts"/> as the hosts file.</summary>
    /// <exception cref="HostLookupException">No name is known for the address, or the lookup timed out.</exception>
    public static Task<HostEntry> ReverseLookupAsync(IPAddress address, HostsFile hosts, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ReverseLookupAsync(address, hosts, CourseEnvironment.IsOffline ? null : NameServices.System, timeout, cancellationToken);

    internal static async Task<HostEntry> ReverseLookupAsync(IPAddress address, HostsFile hosts, NameService? service,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(hosts);
        var limit = CheckTimeout(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        if (IPAddress.IsLoopback(address))
        {
            // RFC 6761: the loopback is localhost, whether or not the hosts file says so; no resolver is asked.
            return hosts.ReverseLookup(address) ?? new HostEntry("localhost", [], [address], "the rule that the loopback is localhost (RFC 6761)");
        }
        if (service is null)
        {
            return hosts.ReverseLookup(address) ?? throw new HostLookupException(address.ToString(), SocketError.HostNotFound,
                $"No name for {address} in {hosts.Source}; offline lessons ask no DNS server for reverse (PTR) records.");
        }
        try
        {
            var entry = await AskAsync(address.ToString(), $"The reverse lookup of {address}", service, limit, cancellationToken);
            return new HostEntry(entry.HostName, entry.Aliases, [address], "the system resolver (hosts file, then DNS)");
        }
        catch (HostLookupException ex) when (CannotReach(ex.SocketError))
        {
            return hosts.ReverseLookup(address) is { } local
                ? local with { Source = $"{local.Source}, because the system resolver could not reach a name server ({ex.SocketError})" }
                : throw new HostLookupException(address.ToString(), ex.SocketError, $"{ex.Message} {hosts.Source} has no name for it either.", ex);
        }
    }

    // The names RFC 6761 reserves, answered the same online and offline, without asking anyone.
    private static HostEntry? Reserved(string name, HostsFile hosts)
    {
        var bare = name.TrimEnd('.');
        if (IsIn(bare, "localhost"))
        {
            return hosts.Lookup(name) ?? new HostEntry("localhost", [], [IPAddress.Loopback, IPAddress.IPv6Loopback], "the rule that localhost is the loopback (RFC 6761)");
        }
        if (IsIn(bare, "invalid"))
        {
            throw new HostLookupException(name, SocketError.HostNotFound,
                $"'{name}' is under .invalid, which RFC 6761 reserves for names that never exist; no resolver is asked.");
        }
        return null;

        static bool IsIn(string name, string domain) =>
            string.Equals(name, domain, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }

    // The resolver could not get an answer from anyone (as with no network), as opposed to an answer that says "no such name".
    private static bool CannotReach(SocketError error) => error is not (SocketError.HostNotFound or SocketError.NoData);

    private static async Task<IPHostEntry> AskAsync(string query, string what, NameService service, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(limit);
        try
        {
            // WaitAsync: give up on time even if the resolver ignores the token.
            return await service(query, stop.Token).WaitAsync(stop.Token);
        }
        catch (SocketException ex)
        {
            throw new HostLookupException(query, ex.SocketErrorCode, $"{what} failed: {Explain(ex.SocketErrorCode)} ({ex.Message}).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostLookupException(query, SocketError.TimedOut,
                $"{what} took longer than {limit.TotalSeconds:0.###} s: the name service did not answer in time.", ex);
        }
    }

    /// <summary>Looks up several names, one after another, and reports each: what it gave or why it failed, and how long it took.</summary>
    public static async Task<LookupReport> LookupAllAsync(IEnumerable<string> names, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var hosts = HostsFile.Load();
        var results = new List<LookupResult>();
        foreach (var name in names)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var entry = await LookupAsync(name, hosts, timeout, cancellationToken);
                results.Add(new LookupResult(name, string.Join(", ", entry.Addresses), "", Milliseconds(clock)));
            }
            catch (HostLookupException ex)
            {
                results.Add(new LookupResult(name, "", $"{ex.SocketError}: {ex.Message}", Milliseconds(clock)));
            }
            catch (InvalidHostNameException ex)
            {
                results.Add(new LookupResult(name, "", $"invalid: {ex.Message.Split(" (Parameter")[0]}", Milliseconds(clock)));
            }
        }
        return new LookupReport(results);
    }

    private static double Milliseconds(Stopwatch clock) => Math.Round(clock.Elapsed.TotalMilliseconds, 3);

    // Only dotted or colon text counts: "1" and "127.1" parse as addresses in .NET, but are names here.
    private static bool IsAddressLiteral(string text, out IPAddress address)
    {
        address = IPAddress.None;
        return (text.Count(c => c == '.') == 3 || text.Contains(':', StringComparison.Ordinal))
            && IPAddress.TryParse(text, out address!);
    }

    private static TimeSpan CheckTimeout(TimeSpan? timeout)
    {
        var limit = timeout ?? DefaultTimeout;
        if (limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "A lookup timeout must be positive.");
        }
        return limit;
    }

    private static string Explain(SocketError error) => error switch
    {
        SocketError.HostNotFound => "no such name (EAI_NONAME in C and Python)",
        SocketError.TryAgain => "the name service did not answer; try again (EAI_AGAIN)",
        SocketError.NoData => "the name exists but has no address of that family (EAI_NODATA)",
        SocketError.NoRecovery => "the name service failed (EAI_FAIL)",
        _ => error.ToString(),
    };
}
