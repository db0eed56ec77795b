using System.Net;
using NetworkingLessons.Display;

namespace NetworkingLessons.Tests.Display;

public sealed class TableTests
{
    private sealed record Lookup(string Name, IPAddress Address, double Milliseconds);

    [Fact]
    public void Of_Records_AlignsTextAndNumbers()
    {
        var table = Table.Of([new Lookup("localhost", IPAddress.Loopback, 0.25), new Lookup("ip6-localhost", IPAddress.IPv6Loopback, 12.5)]);

        Assert.Equal("""
            Name           Address    Milliseconds
            -------------  ---------  ------------
            localhost      127.0.0.1          0.25
            ip6-localhost  ::1                12.5
            """.ReplaceLineEndings("\n"), table.ToString());
        Assert.Contains("<th>Milliseconds</th>", table.ToMimeBundle()["text/html"], StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:right\">12.5</td>", table.ToMimeBundle()["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Of_Tuples_UsesTheirFields()
    {
        var table = Table.Of([("http", 80), ("ssh", 22)]);

        Assert.Equal(["Item1", "Item2"], table.Columns);
        Assert.Equal(["ssh", "22"], table.Rows[1]);
    }

    [Fact]
    public void Of_Scalars_IsOneColumn()
    {
        Assert.Equal("Value\n-----\n    1\n    2", Table.Of([1, 2]).ToString());
    }

    [Fact]
    public void Of_HtmlInCells_IsEscaped()
    {
        Assert.Contains("&lt;script&gt;", Table.Of(["<script>"]).ToMimeBundle()["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Cell_LongerThanTheLimit_IsShortenedSayingItsLength()
    {
        var table = Table.Of([new { Name = new string('a', 254), Ok = "x" }]);

        var text = table.ToString();
        var html = table.ToMimeBundle()["text/html"];

        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= Table.MaxCellLength + "  Ok".Length, line));
        Assert.Contains("… (254 characters)", text, StringComparison.Ordinal);
        Assert.Contains($"title=\"{new string('a', 254)}\"", html, StringComparison.Ordinal);
        Assert.Contains("… (254 characters)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Cell_AtTheLimit_IsKeptWhole()
    {
        var cell = new string('b', Table.MaxCellLength);

        Assert.Contains(cell, Table.Of([new { Name = cell }]).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("title=", Table.Of([new { Name = cell }]).ToMimeBundle()["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void WithCellLimit_Null_KeepsEveryCellWhole()
    {
        var long254 = new string('a', 254);

        Assert.Contains(long254, Table.Of([new { Name = long254 }]).WithCellLimit(null).ToString(), StringComparison.Ordinal);
        Assert.Contains("… (254 characters)", Table.Of([new { Name = long254 }]).WithCellLimit(40).ToString(), StringComparison.Ordinal);
        Assert.Equal("maxLength", Assert.Throws<ArgumentOutOfRangeException>(() => Table.Of([1]).WithCellLimit(23)).ParamName);
    }
}
