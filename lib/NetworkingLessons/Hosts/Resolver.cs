using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Course;

namespace NetworkingLessons.Hosts;

/// <summary>
/// Forward and reverse lookups with a timeout and typed errors. Online it asks the system resolver
/// (hosts file, then DNS), like Python's <c>gethostbyname_ex</c> and <c>gethostbyaddr</c>. Offline
/// (<see cref="CourseEnvironment.IsOffline"/>) it answers only from the hosts file and IP literals and
/// sends no query anywhere; a name the file does not hold fails, saying so.
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

    /// <summary>Looks up <paramref name="name"/>, using <paramref name="hosts"/> as the hosts file when offline.</summary>
    /// <exception cref="InvalidHostNameException">The name breaks the host-name rules; no lookup is tried.</exception>
    /// <exception cref="HostLookupException">No answer: unknown name, failed name service, or timeout.</exception>
    public static Task<HostEntry> LookupAsync(string name, HostsFile hosts, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        LookupAsync(name, hosts, CourseEnvironment.IsOffline, SystemLookup, timeout, cancellationToken);

    // The system resolver; tests put a slow or failing one in its place.
    private static Task<IPHostEntry> SystemLookup(string query, CancellationToken cancellationToken) =>
        Dns.GetHostEntryAsync(query, AddressFamily.Unspecified, cancellationToken);

    internal static async Task<HostEntry> LookupAsync(string name, HostsFile hosts, bool offline,
        Func<string, CancellationToken, Task<IPHostEntry>> system, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(hosts);
        if (IsAddressLiteral(name, out var literal))
        {
            return new HostEntry(name, [], [literal], "the address itself");
        }
        HostName.Validate(name);
        if (offline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return FromHostsFile(name, hosts);
        }
        var entry = await AskSystemAsync(name, $"Looking up '{name}'", system, timeout, cancellationToken);
        return new HostEntry(entry.HostName, entry.Aliases, entry.AddressList, "the system resolver (hosts file, then DNS)");
    }

    /// <summary>Finds the name of <paramref name="address"/> (Python's <c>gethostbyaddr</c>).</summary>
    /// <exception cref="HostLookupException">No name is known for the address, or the lookup timed out.</exception>
    public static Task<HostEntry> ReverseLookupAsync(IPAddress address, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ReverseLookupAsync(address, HostsFile.Load(), timeout, cancellationToken);

    /// <summary>Finds the name of <paramref name="address"/>, using <paramref name="hosts"/> when offline.</summary>
    /// <exception cref="HostLookupException">No name is known for the address, or the lookup timed out.</exception>
    public static Task<HostEntry> ReverseLookupAsync(IPAddress address, HostsFile hosts, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ReverseLookupAsync(address, hosts, CourseEnvironment.IsOffline, SystemLookup, timeout, cancellationToken);

    internal static async Task<HostEntry> ReverseLookupAsync(IPAddress address, HostsFile hosts, bool offline,
        Func<string, CancellationToken, Task<IPHostEntry>> system, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(hosts);
        if (offline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (hosts.ReverseLookup(address) is { } named)
            {
                return named;
            }
            return IPAddress.IsLoopback(address)
                ? new HostEntry("localhost", [], [address], "the rule that the loopback is localhost (RFC 6761)")
                : throw new HostLookupException(address.ToString(), SocketError.HostNotFound,
                    $"No name for {address} in {hosts.Source}; offline lessons ask no DNS server for reverse (PTR) records.");
        }
        var entry = await AskSystemAsync(address.ToString(), $"The reverse lookup of {address}", system, timeout, cancellationToken);
        return new HostEntry(entry.HostName, entry.Aliases, [address], "the system resolver (hosts file, then DNS)");
    }

    private static async Task<IPHostEntry> AskSystemAsync(string query, string what,
        Func<string, CancellationToken, Task<IPHostEntry>> system, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = CheckTimeout(timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(limit);
        try
        {
            // WaitAsync: give up on time even if the resolver ignores the token.
            return await system(query, stop.Token).WaitAsync(stop.Token);
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

    private static HostEntry FromHostsFile(string name, HostsFile hosts)
    {
        if (hosts.Lookup(name) is { } entry)
        {
            return entry;
        }
        // RFC 6761: "localhost" is the loopback everywhere, whatever the file says.
        if (string.Equals(name.TrimEnd('.'), "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new HostEntry("localhost", [], [IPAddress.Loopback, IPAddress.IPv6Loopback], "the rule that localhost is the loopback (RFC 6761)");
        }
        throw new HostLookupException(name, SocketError.HostNotFound,
            $"'{name}' is not in {hosts.Source}, and offline lessons ask no DNS server (run the lesson online to ask one).");
    }

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

/// <summary>The rows of <see cref="Resolver.LookupAllAsync"/>, shown as a table.</summary>
public sealed class LookupReport(IList<LookupResult> rows) : System.Collections.ObjectModel.ReadOnlyCollection<LookupResult>(rows)
{
    /// <summary>The rows as a table.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => Display.Table.Of(this).ToMimeBundle();

    /// <inheritdoc />
    public override string ToString() => Display.Table.Of(this).ToString();
}

/// <summary>One row of <see cref="Resolver.LookupAllAsync"/>.</summary>
/// <param name="Name">What was looked up.</param>
/// <param name="Addresses">What it resolved to, if it did.</param>
/// <param name="Error">Why it did not, if it did not.</param>
/// <param name="Milliseconds">How long the lookup took.</param>
public sealed record LookupResult(string Name, string Addresses, string Error, double Milliseconds);
