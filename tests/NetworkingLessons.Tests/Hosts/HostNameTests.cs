using NetworkingLessons.Hosts;

namespace NetworkingLessons.Tests.Hosts;

public sealed class HostNameTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("vm")]
    [InlineData("www.example.com")]
    [InlineData("www.example.com.")]
    [InlineData("a-b.c0.example")]
    [InlineData("xn--bcher-kva.example")]
    public void IsValid_GoodNames_True(string name) => Assert.True(HostName.IsValid(name));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("my host", "it contains a space")]
    [InlineData("under_score.example", "it contains '_'")]
    [InlineData("-lead.example", "label 1 ('-lead') starts or ends with a hyphen")]
    [InlineData("a..b", "label 2 is empty")]
    [InlineData(".example", "label 1 is empty")]
    public void Validate_BadNames_NameTheRule(string name, string problem)
    {
        var ex = Assert.Throws<InvalidHostNameException>(() => HostName.Validate(name));

        Assert.Equal(name, ex.Name);
        Assert.Equal("name", ex.ParamName);
        Assert.Contains($"'{name}' is not a valid host name: {problem}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LabelOf64_IsTooLong()
    {
        var name = new string('a', 64) + ".example";

        var ex = Assert.Throws<InvalidHostNameException>(() => HostName.Validate(name));

        Assert.Contains("label 1 is 64 characters long; the limit is 63", ex.Message, StringComparison.Ordinal);
        HostName.Validate(new string('a', 63) + ".example");
    }

    [Fact]
    public void Validate_NameOf254_IsTooLong()
    {
        var label = new string('a', 62);
        var name = string.Join('.', label, label, label, label) + ".abc"; // 4 × 62 + 3 dots + 4 = 255

        var ex = Assert.Throws<InvalidHostNameException>(() => HostName.Validate(name[..254]));

        Assert.Contains("it is 254 characters long; the limit is 253", ex.Message, StringComparison.Ordinal);
        HostName.Validate(name[..253]);
    }

    [Fact]
    public void Validate_Null_Throws() => Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => HostName.Validate(null!)).ParamName);
}
