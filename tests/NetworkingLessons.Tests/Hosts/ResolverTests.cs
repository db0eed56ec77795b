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

    private static readonly NameService NeverAsked = (query, _) =>
        throw new InvalidOperationException($"this lookup must not reach a name service (asked for {query})");

    [Fact]
    public async Task Lookup_Offline_AnswersFromHostsFileLikeGethostbynameEx()
    {
        var entry = await Resolver.LookupAsync("laptop", Debian, null, fallBack: true, null, default);

        Assert.Equal("laptop.example.org", entry.CanonicalName);
        Assert.Equal(["laptop"], entry.Aliases);
        Assert.Equal([IPAddress.Parse("127.0.1.1")], entry.IPv4);
        Assert.Equal("('laptop.example.org', ['laptop'], ['127.0.1.1'])", entry.ToPythonTuple());
        Assert.Contains("/etc/hosts", entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_Localhost_HasBothFamiliesSeparated()
    {
        var entry = await Resolver.LookupAsync("localhost", Debian, null, fallBack: true, null, default);

        Assert.Equal([IPAddress.Loopback], entry.IPv4);
        Assert.Equal([IPAddress.IPv6Loopback], entry.IPv6);
    }

    [Fact]
    public async Task Lookup_LocalhostMissingFromFile_IsStillTheLoopback()
    {
        var entry = await Resolver.LookupAsync("localhost", HostsFile.Parse(""), null, fallBack: true, null, default);

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], entry.Addresses);
    }

    [Fact]
    public async Task Lookup_OfflineUnknownName_HostNotFoundNamingTheName()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() => Resolver.LookupAsync("no-such-host.example", Debian, null, fallBack: true, null, default));

        Assert.Equal(SocketError.HostNotFound, ex.SocketError);
        Assert.Equal("no-such-host.example", ex.Query);
        Assert.Contains("'no-such-host.example' is not in /etc/hosts", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("my host")]
    public async Task Lookup_InvalidName_ThrowsBeforeAnyLookup(string name)
    {
        await Assert.ThrowsAsync<InvalidHostNameException>(() => Resolver.LookupAsync(name, Debian, NeverAsked, fallBack: true, null, default));
    }

    [Fact]
    public async Task Lookup_AddressLiteral_ReturnedAsIs()
    {
        var entry = await Resolver.LookupAsync("::1", Debian, NeverAsked, fallBack: true, null, default);

        Assert.Equal([IPAddress.IPv6Loopback], entry.Addresses);
    }

    [Fact]
    public async Task Lookup_SlowNameService_TimesOut()
    {
        NameService slow = (_, _) => new TaskCompletionSource<IPHostEntry>().Task; // never answers

        var ex = await Assert.ThrowsAsync<HostLookupException>(() =>
            Resolver.LookupAsync("example.org", Debian, slow, fallBack: true, TimeSpan.FromMilliseconds(50), default));

        Assert.Equal(SocketError.TimedOut, ex.SocketError);
        Assert.Contains("took longer than 0.05 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_CallerCancels_IsCancellationNotTimeout()
    {
        using var cts = new CancellationTokenSource(50);
        NameService slow = (_, _) => new TaskCompletionSource<IPHostEntry>().Task;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Resolver.LookupAsync("example.org", Debian, slow, fallBack: true, TimeSpan.FromSeconds(30), cts.Token));
    }

    [Fact]
    public async Task Lookup_NameServiceSaysNoSuchName_KeepsTheSocketError()
    {
        var failing = NameServices.Failing(SocketError.HostNotFound);

        var ex = await Assert.ThrowsAsync<HostLookupException>(() => Resolver.LookupAsync("nope.example", Debian, failing, fallBack: true, null, default));

        Assert.Equal(SocketError.HostNotFound, ex.SocketError);
        Assert.Contains("no such name (EAI_NONAME", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_NonPositiveTimeout_Throws()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Resolver.LookupAsync("example.org", Debian, NeverAsked, fallBack: true, TimeSpan.Zero, default));

        Assert.Equal("timeout", ex.ParamName);
    }

    [Theory]
    [InlineData("127.0.0.1", "localhost")]
    [InlineData("::1", "localhost")]
    [InlineData("127.0.1.1", "laptop.example.org")]
    public async Task ReverseLookup_Offline_FirstLineForTheAddress(string address, string name)
    {
        var entry = await Resolver.ReverseLookupAsync(IPAddress.Parse(address), Debian, null, null, default);

        Assert.Equal(name, entry.CanonicalName);
    }

    [Fact]
    public async Task ReverseLookup_LoopbackMissingFromFile_IsLocalhost()
    {
        var entry = await Resolver.ReverseLookupAsync(IPAddress.IPv6Loopback, HostsFile.Parse(""), null, null, default);

        Assert.Equal("localhost", entry.CanonicalName);
    }

    [Fact]
    public async Task Lookup_OfflineCancelled_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Resolver.LookupAsync("localhost", Debian, null, fallBack: true, null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task ReverseLookup_OfflineUnknown_SaysNoDnsWasAsked()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() => Resolver.ReverseLookupAsync(IPAddress.Parse("192.0.2.1"), Debian, null, null, default));

        Assert.Contains("No name for 192.0.2.1 in /etc/hosts; offline lessons ask no DNS server", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemNameService_Localhost_AnswersFromTheHostsFile()
    {
        // The system resolver answers "localhost" from the hosts file, so no packet leaves the machine;
        // without that line it would ask DNS, so the test stops first.
        Assert.True(HostsFile.Load().Find("localhost").Any(), "/etc/hosts has no localhost line; this test would send a DNS query, so it does not run the resolver.");
        var entry = await NameServices.System("localhost", default);

        Assert.Contains(entry.AddressList, IPAddress.IsLoopback);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("printer.localhost")]
    public async Task Lookup_LocalhostNames_AnsweredWithoutAskingInEitherMode(string name)
    {
        var online = await Resolver.LookupAsync(name, HostsFile.Parse(""), NeverAsked, fallBack: true, null, default);
        var offline = await Resolver.LookupAsync(name, HostsFile.Parse(""), null, fallBack: true, null, default);

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], online.Addresses);
        Assert.Equal(online, offline);
        Assert.Contains("RFC 6761", online.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_LocalhostInTheHostsFile_ComesFromTheFile()
    {
        var entry = await Resolver.LookupAsync("localhost", Debian, NeverAsked, fallBack: true, null, default);

        Assert.Contains("/etc/hosts", entry.Source, StringComparison.Ordinal);
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], entry.Addresses);
    }

    [Theory]
    [InlineData("no-such-host.invalid")]
    [InlineData("INVALID")]
    public async Task Lookup_InvalidDomain_NeverExistsAndNothingIsAsked(string name)
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() => Resolver.LookupAsync(name, Debian, NeverAsked, fallBack: true, null, default));

        Assert.Equal(SocketError.HostNotFound, ex.SocketError);
        Assert.Contains("RFC 6761 reserves for names that never exist", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalidator.example")]
    [InlineData("localhostess.example")]
    public async Task Lookup_NamesThatOnlyLookReserved_AreAsked(string name)
    {
        var asked = new List<string>();
        NameService recording = (q, _) => { asked.Add(q); return Task.FromResult(new IPHostEntry { HostName = q, AddressList = [IPAddress.Parse("192.0.2.9")] }); };

        await Resolver.LookupAsync(name, Debian, recording, fallBack: true, null, default);

        Assert.Equal([name], asked);
    }

    [Theory]
    [InlineData(SocketError.TryAgain)]
    [InlineData(SocketError.NoRecovery)]
    [InlineData(SocketError.NetworkUnreachable)]
    public async Task Lookup_OnlineWithNoNameServerReachable_FallsBackToTheHostsFileAndSaysSo(SocketError error)
    {
        var entry = await Resolver.LookupAsync("laptop", Debian, NameServices.Failing(error), fallBack: true, null, default);

        Assert.Equal([IPAddress.Parse("127.0.1.1")], entry.Addresses);
        Assert.Contains($"because the system resolver could not reach a name server ({error})", entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_OnlineTimeout_FallsBackToTheHostsFile()
    {
        var entry = await Resolver.LookupAsync("laptop", Debian, NameServices.Silent, fallBack: true, TimeSpan.FromMilliseconds(50), default);

        Assert.Contains("(TimedOut)", entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_OnlineNoSuchName_DoesNotFallBack()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() =>
            Resolver.LookupAsync("laptop", Debian, NameServices.Failing(SocketError.HostNotFound), fallBack: true, null, default));

        Assert.Equal(SocketError.HostNotFound, ex.SocketError);
    }

    [Fact]
    public async Task Lookup_OnlineUnreachableAndNotInHostsFile_SaysBoth()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() =>
            Resolver.LookupAsync("elsewhere.example", Debian, NameServices.Failing(SocketError.TryAgain), fallBack: true, null, default));

        Assert.Equal(SocketError.TryAgain, ex.SocketError);
        Assert.EndsWith("It is not in /etc/hosts either.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_GivenNameService_IsAskedWithoutFallback()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() =>
            Resolver.LookupAsync("laptop", NameServices.Silent, TimeSpan.FromMilliseconds(50)));

        Assert.Equal(SocketError.TimedOut, ex.SocketError);
        Assert.Contains("took longer than 0.05 s: the name service did not answer in time", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseLookup_LoopbackOnline_IsLocalhostWithoutAsking()
    {
        var entry = await Resolver.ReverseLookupAsync(IPAddress.IPv6Loopback, HostsFile.Parse(""), NeverAsked, null, default);

        Assert.Equal("localhost", entry.CanonicalName);
        Assert.Contains("RFC 6761", entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseLookup_OnlineUnreachable_FallsBackToTheHostsFile()
    {
        var entry = await Resolver.ReverseLookupAsync(IPAddress.Parse("ff02::1"), Debian, NameServices.Failing(SocketError.TryAgain), null, default);

        Assert.Equal("ip6-allnodes", entry.CanonicalName);
        Assert.Contains("could not reach a name server (TryAgain)", entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseLookup_OnlineUnreachableAndUnknown_SaysBoth()
    {
        var ex = await Assert.ThrowsAsync<HostLookupException>(() =>
            Resolver.ReverseLookupAsync(IPAddress.Parse("192.0.2.1"), Debian, NameServices.Failing(SocketError.TryAgain), null, default));

        Assert.EndsWith("/etc/hosts has no name for it either.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseLookup_OnlineAnswer_KeepsTheAddressAsked()
    {
        NameService answering = (_, _) => Task.FromResult(new IPHostEntry { HostName = "doc.example", Aliases = ["d"], AddressList = [] });

        var entry = await Resolver.ReverseLookupAsync(IPAddress.Parse("192.0.2.1"), Debian, answering, null, default);

        Assert.Equal(("doc.example", "192.0.2.1"), (entry.CanonicalName, entry.Addresses.Single().ToString()));
        Assert.Equal(["d"], entry.Aliases);
        Assert.Equal("the system resolver (hosts file, then DNS)", entry.Source);
    }

    [Fact]
    public async Task ReverseLookup_NonPositiveTimeout_Throws()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Resolver.ReverseLookupAsync(IPAddress.Loopback, Debian, null, TimeSpan.FromSeconds(-1), default));

        Assert.Equal("timeout", ex.ParamName);
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
