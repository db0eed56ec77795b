using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Hosts;

namespace NetworkingLessons.Tests.Hosts;

public sealed class ResolverTests
{
    private static readonly HostsFile Debian = HostsFile.Parse("""
        127.0.0.1	localhost
        127.0.1.1	laptop.example.org	laptop

        # The following lines are desirable for IPv6 capable hosts
        ::1     localhost ip6-localhost ip6-loopback
        ff02::1 ip6-allnodes
        not-an-address  junk
        """, "/etc/hosts");

    private static Task<IPHostEntry> NeverAsked(string query, CancellationToken _) =>
        throw new InvalidOperationException($"offline lookups must not reach the system resolver (asked for {query})");

    [Fact]
    public async Task Lookup_Offline_AnswersFromHostsFileLikeGethostbynameEx()
    {
        var entry = await Resolver.LookupAsync("laptop", Debian, offline: true, NeverAsked, null, default);

        Assert.Equal("laptop.example.org", entry.CanonicalName);
        Assert.Equal(["laptop"], entry.Aliases);
        Assert.Equal([IPAddress.Parse("127.0.1.1")], entry.IPv4);
        Assert.Equal("('laptop.example.org', ['laptop'], ['127.0.1.1'])", entry.ToPythonTuple());
        Assert.Contains("/etc/hosts", entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_Localhost_HasBothFamiliesSeparated()
    {
        var entry = await Resolver.LookupAsync("localhost", Debian, offline: true, NeverAsked, null, default);

        Assert.Equal([IPAddress.Loopback], entry.IPv4);
        Assert.Equal([IPAddress.IPv6Loopback], entry.IPv6);
    }

    [Fact]
    public async Task Lookup_LocalhostMissingFromFile_IsStillTheLoopback()
    {
        var entry = await Resolver.LookupAsync("localhost", HostsFile.Parse(""), offline: true, NeverAsked, null, default);

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], entry.Addresses);
    }

    [Fact]
    public async Task Lookup_OfflineUnknownName_HostNotFoundNamingTheName()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() => Resolver.LookupAsync("no-such-host.invalid", Debian, offline: true, NeverAsked, null, default));

        Assert.Equal(SocketError.HostNotFound, ex.SocketError);
        Assert.Equal("no-such-host.invalid", ex.Query);
        Assert.Contains("'no-such-host.invalid' is not in /etc/hosts", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("my host")]
    public async Task Lookup_InvalidName_ThrowsBeforeAnyLookup(string name)
    {
        await Assert.ThrowsAsync<InvalidHostNameException>(() => Resolver.LookupAsync(name, Debian, offline: false, NeverAsked, null, default));
    }

    [Fact]
    public async Task Lookup_AddressLiteral_ReturnedAsIs()
    {
        var entry = await Resolver.LookupAsync("::1", Debian, offline: false, NeverAsked, null, default);

        Assert.Equal([IPAddress.IPv6Loopback], entry.Addresses);
    }

    [Fact]
    public async Task Lookup_SlowNameService_TimesOut()
    {
        var slow = (string _, CancellationToken _) => new TaskCompletionSource<IPHostEntry>().Task; // never answers

        var ex = await Assert.ThrowsAsync<HostLookupException>(() =>
            Resolver.LookupAsync("example.org", Debian, offline: false, slow, TimeSpan.FromMilliseconds(50), default));

        Assert.Equal(SocketError.TimedOut, ex.SocketError);
        Assert.Contains("took longer than 0.05 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_CallerCancels_IsCancellationNotTimeout()
    {
        using var cts = new CancellationTokenSource(50);
        var slow = (string _, CancellationToken _) => new TaskCompletionSource<IPHostEntry>().Task;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Resolver.LookupAsync("example.org", Debian, offline: false, slow, TimeSpan.FromSeconds(30), cts.Token));
    }

    [Fact]
    public async Task Lookup_NameServiceSaysNoSuchName_KeepsTheSocketError()
    {
        var failing = (string _, CancellationToken _) => Task.FromException<IPHostEntry>(new SocketException((int)SocketError.HostNotFound));

        var ex = await Assert.ThrowsAsync<HostLookupException>(() => Resolver.LookupAsync("nope.example", Debian, offline: false, failing, null, default));

        Assert.Equal(SocketError.HostNotFound, ex.SocketError);
        Assert.Contains("no such name (EAI_NONAME", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_NonPositiveTimeout_Throws()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Resolver.LookupAsync("example.org", Debian, offline: false, NeverAsked, TimeSpan.Zero, default));

        Assert.Equal("timeout", ex.ParamName);
    }

    [Theory]
    [InlineData("127.0.0.1", "localhost")]
    [InlineData("::1", "localhost")]
    [InlineData("127.0.1.1", "laptop.example.org")]
    public async Task ReverseLookup_Offline_FirstLineForTheAddress(string address, string name)
    {
        var entry = await Resolver.ReverseLookupAsync(IPAddress.Parse(address), Debian, offline: true, NeverAsked, null, default);

        Assert.Equal(name, entry.CanonicalName);
    }

    [Fact]
    public async Task ReverseLookup_LoopbackMissingFromFile_IsLocalhost()
    {
        var entry = await Resolver.ReverseLookupAsync(IPAddress.IPv6Loopback, HostsFile.Parse(""), offline: true, NeverAsked, null, default);

        Assert.Equal("localhost", entry.CanonicalName);
    }

    [Fact]
    public async Task Lookup_OfflineCancelled_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Resolver.LookupAsync("localhost", Debian, offline: true, NeverAsked, null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task ReverseLookup_OfflineUnknown_SaysNoDnsWasAsked()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() => Resolver.ReverseLookupAsync(IPAddress.Parse("192.0.2.1"), Debian, offline: true, NeverAsked, null, default));

        Assert.Contains("No name for 192.0.2.1 in /etc/hosts; offline lessons ask no DNS server", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_Online_Localhost_ThroughTheRealResolver()
    {
        // The system resolver answers "localhost" from the hosts file, so no packet leaves the machine;
        // without that line it would ask DNS, so the test stops first.
        Assert.True(HostsFile.Load().Find("localhost").Any(), "/etc/hosts has no localhost line; this test would send a DNS query, so it does not run the resolver.");
        var entry = await Resolver.LookupAsync("localhost", Debian, offline: false,
            (q, ct) => Dns.GetHostEntryAsync(q, AddressFamily.Unspecified, ct), null, default);

        Assert.Contains(entry.Addresses, IPAddress.IsLoopback);
    }

    [Fact]
    public void HostsFile_Parse_SkipsCommentsAndJunk()
    {
        Assert.Equal(["localhost", "laptop.example.org", "localhost", "ip6-allnodes"], Debian.Entries.Select(e => e.CanonicalName));
        Assert.Equal(["ip6-localhost", "ip6-loopback"], Debian.Entries[2].Aliases);
    }

    [Fact]
    public void HostsFile_Lookup_IsPureAndLikeTheCLibrary()
    {
        Assert.Equal("('laptop.example.org', ['laptop'], ['127.0.1.1'])", Debian.Lookup("LAPTOP")!.ToPythonTuple());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], Debian.Lookup("localhost")!.Addresses);
        Assert.Null(Debian.Lookup("elsewhere.example"));
        Assert.Equal("ip6-allnodes", Debian.ReverseLookup(IPAddress.Parse("ff02::1"))!.CanonicalName);
        Assert.Null(Debian.ReverseLookup(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public void HostsFile_LoadMissing_IsEmptyAndSaysSo()
    {
        var file = HostsFile.Load("/nonexistent/hosts");

        Assert.Empty(file.Entries);
        Assert.Contains("not found", file.Source, StringComparison.Ordinal);
    }
}
