using System.Net;
using NetworkingLessons.Addresses;

namespace NetworkingLessons.Tests.Addresses;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.0.1.1", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.1", AddressKind.Global)]
    [InlineData("192.168.1.7", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("169.254.1.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("224.0.0.251", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("192.0.2.1", AddressKind.Documentation)]
    [InlineData("203.0.113.9", AddressKind.Documentation)]
    [InlineData("2001:db8::1", AddressKind.Documentation)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("8.8.8.8", AddressKind.Global)]
    [InlineData("2606:4700::1111", AddressKind.Global)]
    [InlineData("::ffff:192.168.0.1", AddressKind.Private)]
    public void Classify_KnownRanges(string address, AddressKind kind)
    {
        Assert.Equal(kind, AddressClassifier.Classify(IPAddress.Parse(address)));
    }

    [Fact]
    public void Classify_Null_Throws() =>
        Assert.Equal("address", Assert.Throws<ArgumentNullException>(() => AddressClassifier.Classify(null!)).ParamName);

    [Fact]
    public void Describe_Null_Throws() =>
        Assert.Equal("addresses", Assert.Throws<ArgumentNullException>(() => AddressClassifier.Describe(null!)).ParamName);

    [Theory]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:8.8.8.8", AddressKind.Global)]
    public void Classify_AnIPv4MappedAddress_IsJudgedByItsIPv4Part(string text, AddressKind kind) =>
        Assert.Equal(kind, AddressClassifier.Classify(System.Net.IPAddress.Parse(text)));

    [Theory]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:DB8::1", "2001:db8::1")]
    [InlineData("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::")]
    public void DotNetIPv6Text_IsRfc5952Canonical(string text, string canonical)
    {
        // The lesson relies on .NET's own formatting following RFC 5952 §4; this pins it.
        Assert.Equal(canonical, IPAddress.Parse(text).ToString());
    }
}
