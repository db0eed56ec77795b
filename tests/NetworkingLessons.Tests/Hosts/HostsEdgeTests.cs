using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Hosts;

namespace NetworkingLessons.Tests.Hosts;

/// <summary>The edges mutation testing found unguarded: equality, the entry's table, argument checks, long names, the literal and service paths.</summary>
public sealed class HostsEdgeTests
{
    private static readonly IPAddress Laptop = IPAddress.Parse("127.0.1.1");

    private static HostEntry Entry(string name = "laptop", string source = "/etc/hosts", params IPAddress[] addresses) =>
        new(name, ["lap"], addresses.Length == 0 ? [Laptop] : addresses, source);

    [Fact]
    public void HostEntry_Equality_NeedsTheSameNameAndTheSameSource()
    {
        Assert.Equal(Entry(), Entry());
        Assert.NotEqual(Entry(), Entry(source: "DNS"));
        Assert.NotEqual(Entry(), Entry(name: "desktop"));
        Assert.NotEqual(Entry(), Entry(addresses: IPAddress.Loopback));
        Assert.False(Entry().Equals(null));
    }

    [Fact]
    public void HostEntry_PythonTuple_QuotesEachAliasAndAddress()
    {
        var entry = new HostEntry("laptop", ["a", "b"], [Laptop, IPAddress.Loopback, IPAddress.IPv6Loopback], "/etc/hosts");

        Assert.Equal("('laptop', ['a', 'b'], ['127.0.1.1', '127.0.0.1'])", entry.ToPythonTuple());
    }

    [Fact]
    public void HostEntry_Table_NamesEachFieldAndSaysNoneWhenEmpty()
    {
        var full = new HostEntry("laptop", ["lap", "l"], [Laptop, IPAddress.IPv6Loopback], "/etc/hosts").ToMimeBundle()["text/plain"];
        var bare = new HostEntry("bare", [], [], "the address itself").ToMimeBundle()["text/plain"];

        foreach (var text in new[] { "Canonical name", "laptop", "Aliases", "lap, l", "IPv4", "127.0.1.1", "IPv6", "::1", "Answered by", "/etc/hosts" })
        {
            Assert.Contains(text, full, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("(none)", full, StringComparison.Ordinal);
        Assert.Equal(3, bare.Split("(none)").Length - 1);
        Assert.Contains("the address itself", bare, StringComparison.Ordinal);
    }

    [Fact]
    public void HostName_IsValid_NullAndBrokenNamesAreNot()
    {
        Assert.False(HostName.IsValid(null));
        Assert.False(HostName.IsValid("-bad"));
        Assert.True(HostName.IsValid("good.example"));
    }

    [Fact]
    public void InvalidHostNameException_ShortensOnlyNamesOver80Characters()
    {
        var eighty = new string('a', 80);
        var longer = new string('b', 41) + new string('c', 40);

        Assert.Contains($"'{eighty}'", new InvalidHostNameException(eighty, "too long").Message, StringComparison.Ordinal);
        var shortened = new InvalidHostNameException(longer, "too long").Message;
        Assert.Contains($"'{new string('b', 40)}…{new string('c', 20)}'", shortened, StringComparison.Ordinal);
        Assert.Equal(longer, new InvalidHostNameException(longer, "too long").Name);
    }

    [Fact]
    public void HostsFile_RefusesNullAndEmptyArguments()
    {
        Assert.Throws<ArgumentException>(() => HostsFile.Load(""));
        Assert.Throws<ArgumentNullException>(() => HostsFile.Parse(null!));
        var hosts = HostsFile.Parse("127.0.1.1 laptop");
        Assert.Throws<ArgumentNullException>(() => hosts.Lookup(null!));
        Assert.Throws<ArgumentNullException>(() => hosts.ReverseLookup(null!));
    }

    [Fact]
    public void HostsFile_AnAddressMustBeWrittenInItsOwnFamilysNotation()
    {
        // An IPv4 address needs its dots and an IPv6 one its colons: "1" parses as 0.0.0.1 in .NET, but is no hosts-file address.
        var hosts = HostsFile.Parse("1 one\n127.0.0.9 nine\n::9 six");

        Assert.Null(hosts.Lookup("one"));
        Assert.Equal([IPAddress.Parse("127.0.0.9")], hosts.Lookup("nine")!.Addresses);
        Assert.Equal([IPAddress.Parse("::9")], hosts.Lookup("six")!.Addresses);
        Assert.Contains("nine", hosts.ToMimeBundle()["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolver_RefusesNullArguments()
    {
        var hosts = HostsFile.Parse("");
        await Assert.ThrowsAsync<ArgumentNullException>(() => Resolver.LookupAsync("laptop", (NameService)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Resolver.LookupAsync(null!, hosts));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Resolver.LookupAsync("laptop", (HostsFile)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Resolver.ReverseLookupAsync(null!, hosts));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Resolver.ReverseLookupAsync(IPAddress.Loopback, (HostsFile)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Resolver.LookupAllAsync(null!));
    }

    [Fact]
    public async Task Resolver_ALiteralAddressAnswersItself_AndAServiceIsAskedWithNoHostsFile()
    {
        var literal = await Resolver.LookupAsync("127.0.0.5", HostsFile.Parse("127.0.0.5 five"));
        string? asked = null;
        var viaService = await Resolver.LookupAsync("laptop", (query, _) =>
        {
            asked = query;
            return Task.FromResult(new IPHostEntry { HostName = "laptop.example", Aliases = [], AddressList = [Laptop] });
        });

        Assert.Equal(new HostEntry("127.0.0.5", [], [IPAddress.Parse("127.0.0.5")], "the address itself"), literal);
        Assert.Equal("laptop", asked);
        Assert.Equal(new HostEntry("laptop.example", [], [Laptop], "the system resolver (hosts file, then DNS)"), viaService);
    }

    [Fact]
    public async Task Resolver_ADottedNameThatIsNotFourPartsIsAName()
    {
        // "127.1" parses as an address in .NET; here it is a name, and the hosts file has it.
        var entry = await Resolver.LookupAsync("127.1", HostsFile.Parse("127.0.0.7 127.1"));

        Assert.Equal([IPAddress.Parse("127.0.0.7")], entry.Addresses);
    }

    [Fact]
    public async Task Resolver_LookupAll_ReportsEachNamesAnswerOrItsProblem()
    {
        var report = await Resolver.LookupAllAsync(["127.0.0.1", "nothing.invalid", "bad_name!"]);

        Assert.Equal(["127.0.0.1", "nothing.invalid", "bad_name!"], report.Select(r => r.Name));
        Assert.Equal(("127.0.0.1", ""), (report[0].Addresses, report[0].Error));
        Assert.StartsWith($"{SocketError.HostNotFound}: ", report[1].Error, StringComparison.Ordinal);
        Assert.Equal("", report[1].Addresses);
        Assert.StartsWith("invalid: 'bad_name!' is not a valid host name", report[2].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", report[2].Error, StringComparison.Ordinal);
        Assert.All(report, r => Assert.True(r.Milliseconds >= 0));
    }
}
