using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

public sealed class NtpPacketTests
{
    [Fact]
    public void ClientRequest_IsVersion4Mode3WithOnlyTheTransmitTimestamp()
    {
        var t1 = new NtpTimestamp(0xE9A1_2345, 0x8000_0000);

        var bytes = NtpPacket.ClientRequest(t1).ToBytes();

        Assert.Equal(48, bytes.Length);
        Assert.Equal(0x23, bytes[0]); // LI 0, VN 4, mode 3
        Assert.All(bytes[1..40], b => Assert.Equal(0, b));
        Assert.Equal("E9A1234580000000", Convert.ToHexString(bytes[40..]));
    }

    [Fact]
    public void Parse_TheTutorialsRequest_IsVersion3Client()
    {
        var bytes = new byte[48];
        bytes[0] = 0x1b;

        var packet = NtpPacket.Parse(bytes);

        Assert.Equal((LeapIndicator.NoWarning, 3, NtpMode.Client), (packet.Leap, packet.Version, packet.Mode));
        Assert.True(packet.Transmit.IsZero);
    }

    [Fact]
    public void ParseThenToBytes_AnyFortyEightBytes_GivesThemBack()
    {
        var random = new Random(123);
        for (var i = 0; i < 1000; i++)
        {
            var bytes = new byte[48];
            random.NextBytes(bytes);

            Assert.Equal(bytes, NtpPacket.Parse(bytes).ToBytes());
        }
    }

    [Fact]
    public void Parse_ReadsEveryField()
    {
        var bytes = Convert.FromHexString(
            "E4" + "02" + "06" + "EC" + "00018000" + "00000800" + "C0A80001" +
            "E9A1000000000000" + "E9A1000100000000" + "E9A1000200000000" + "E9A1000300000000");

        var p = NtpPacket.Parse(bytes);

        Assert.Equal((LeapIndicator.Unsynchronized, 4, NtpMode.Server), (p.Leap, p.Version, p.Mode));
        Assert.Equal((2, 6, -20), (p.Stratum, p.Poll, p.Precision));
        Assert.Equal((1.5, 0.03125), (p.RootDelaySeconds, p.RootDispersionSeconds));
        Assert.Equal("192.168.0.1", p.ReferenceIdText);
        Assert.Equal([0xE9A1_0000u, 0xE9A1_0001u, 0xE9A1_0002u, 0xE9A1_0003u], new[] { p.Reference, p.Origin, p.Receive, p.Transmit }.Select(t => t.Seconds));
    }

    [Fact]
    public void Parse_WithExtensionsOrAMac_ReadsTheFirstFortyEight()
    {
        var bytes = new byte[68];
        bytes[0] = 0x24;

        Assert.Equal(NtpMode.Server, NtpPacket.Parse(bytes).Mode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(47)]
    public void Parse_TooShort_SaysHowLong(int length)
    {
        var ex = Assert.Throws<NtpFormatException>(() => NtpPacket.Parse(new byte[length]));

        Assert.Equal($"An NTP packet is at least 48 bytes; this one has {length}.", ex.Message);
    }

    [Fact]
    public void ReferenceId_ByStratum_IsACodeOrAnAddress()
    {
        var kiss = new NtpPacket { Stratum = 0, Mode = NtpMode.Server, ReferenceId = NtpPacket.AsciiReferenceId("RATE") };
        var primary = new NtpPacket { Stratum = 1, ReferenceId = NtpPacket.AsciiReferenceId("GPS") };
        var secondary = new NtpPacket { Stratum = 3, ReferenceId = 0x7F00_0001 };

        Assert.Equal(("RATE", true), (kiss.KissCode, kiss.IsKissOfDeath));
        Assert.Equal(("GPS", null, false), (primary.ReferenceIdText, primary.KissCode, primary.IsKissOfDeath));
        Assert.Equal("127.0.0.1", secondary.ReferenceIdText);
        Assert.Equal("47505300", primary.ReferenceId.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("TOOLONG")]
    [InlineData("A B")]
    [InlineData("é")]
    [InlineData("A\u007F")]
    public void AsciiReferenceId_NotFourPrintableLetters_Throws(string code)
    {
        var ex = Assert.Throws<ArgumentException>(() => NtpPacket.AsciiReferenceId(code));

        Assert.Equal("code", ex.ParamName);
        Assert.StartsWith($"A reference identifier code is 1 to 4 printable ASCII characters; '{code}' is not.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A", 0x41000000u)]
    [InlineData("!~!~", 0x217E217Eu)]
    public void AsciiReferenceId_OneToFourPrintableCharacters_FromTheFirstToTheLast(string code, uint id)
    {
        Assert.Equal(id, NtpPacket.AsciiReferenceId(code));
    }

    private static string Field(NtpPacket packet, string name) => packet.ToHexDump().Fields.Single(f => f.Name == name).Value!;

    [Theory]
    [InlineData(NtpMode.Client, 0, "0 (unspecified)")]
    [InlineData(NtpMode.Server, 0, "0 (Kiss-o'-Death)")]
    [InlineData(NtpMode.Server, 1, "1 (primary: its own reference clock)")]
    [InlineData(NtpMode.Server, 15, "15 (secondary)")]
    [InlineData(NtpMode.Server, 16, "16 (unsynchronised)")]
    public void TheStratumField_SaysWhatItsNumberMeans(NtpMode mode, byte stratum, string shown)
    {
        Assert.Equal(shown, Field(new NtpPacket { Mode = mode, Stratum = stratum }, "stratum"));
    }

    [Theory]
    [InlineData(LeapIndicator.NoWarning, "no warning")]
    [InlineData(LeapIndicator.LastMinuteHas61Seconds, "last minute has 61 s")]
    [InlineData(LeapIndicator.LastMinuteHas59Seconds, "last minute has 59 s")]
    [InlineData(LeapIndicator.Unsynchronized, "clock unsynchronised")]
    public void TheFirstField_SaysWhatTheLeapIndicatorMeans(LeapIndicator leap, string meaning)
    {
        Assert.StartsWith($"LI {(int)leap} ({meaning}), version 4, mode 3 (client)", Field(new NtpPacket { Leap = leap, Mode = NtpMode.Client }, "LI, VN, Mode"), StringComparison.Ordinal);
    }

    [Fact]
    public void TimesAndReferences_AreShownInTheirUnits()
    {
        var packet = new NtpPacket { Poll = 0, Precision = -10, RootDelay = 1 << 16, RootDispersion = 0, Mode = NtpMode.Client };

        Assert.Equal("0 (2^0 s = 1 s)", Field(packet, "poll"));
        Assert.Equal("-10 (2^-10 s = 976.563 µs)", Field(packet, "precision"));
        Assert.Equal("-9 (2^-9 s = 1.953 ms)", Field(packet with { Precision = -9 }, "precision"));
        Assert.Equal("1 s", Field(packet, "root delay"));
        Assert.Equal("0 s", Field(packet, "root dispersion"));
        Assert.Equal("(none)", Field(packet, "reference ID"));
        Assert.Equal("A?B", Field(new NtpPacket { Stratum = 1, Mode = NtpMode.Server, ReferenceId = 0x41014200 }, "reference ID")); // a byte that is not printable
    }

    [Fact]
    public void Info_NamesTheVersionAndMode_AndAServersKissOfDeath()
    {
        Assert.Equal("NTP Version 4, client", new NtpPacket { Mode = NtpMode.Client }.Info);
        Assert.Equal("NTP Version 4, server", new NtpPacket { Mode = NtpMode.Server, Stratum = 1 }.Info);
        Assert.Equal("NTP Version 4, server, Kiss-o'-Death RATE", new NtpPacket { Mode = NtpMode.Server, Stratum = 0, ReferenceId = NtpPacket.AsciiReferenceId("RATE") }.Info);
        Assert.Equal("NTP Version 4, client", new NtpPacket { Mode = NtpMode.Client, Stratum = 0, ReferenceId = NtpPacket.AsciiReferenceId("RATE") }.Info);
    }

    [Theory]
    [InlineData(8, LeapIndicator.NoWarning, NtpMode.Client)]
    [InlineData(-1, LeapIndicator.NoWarning, NtpMode.Client)]
    [InlineData(4, (LeapIndicator)4, NtpMode.Client)]
    [InlineData(4, LeapIndicator.NoWarning, (NtpMode)8)]
    public void ToBytes_FieldsThatDoNotFit_Throw(int version, LeapIndicator leap, NtpMode mode)
    {
        Assert.Throws<NtpFormatException>(() => new NtpPacket { Version = version, Leap = leap, Mode = mode }.ToBytes());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void ClientRequest_VersionOutOfRange_Throws(int version)
    {
        Assert.Equal("version", Assert.Throws<ArgumentOutOfRangeException>(() => NtpPacket.ClientRequest(NtpTimestamp.Zero, version)).ParamName);
    }

    [Fact]
    public void Fields_CoverTheFortyEightBytesInOrder()
    {
        var fields = NtpPacket.ClientRequest(NtpTimestamp.Now).Fields(28);

        var at = 28;
        foreach (var field in fields)
        {
            Assert.Equal(at, field.Offset);
            at += field.Length;
        }
        Assert.Equal(28 + 48, at);
        Assert.All(fields, f => Assert.Equal("NTP", f.Layer));
    }

    [Fact]
    public void Fields_DescribeTheValuesInTheRfcsTerms()
    {
        var reply = new NtpPacket
        {
            Mode = NtpMode.Server, Stratum = 1, Poll = 6, Precision = -20, RootDelay = 0x0000_0042,
            ReferenceId = NtpPacket.AsciiReferenceId("LOCL"),
        };

        var byName = reply.Fields().ToDictionary(f => f.Name, f => f.Value);

        Assert.Equal("LI 0 (no warning), version 4, mode 4 (server)", byName["LI, VN, Mode"]);
        Assert.Equal("1 (primary: its own reference clock)", byName["stratum"]);
        Assert.Equal("6 (2^6 s = 64 s)", byName["poll"]);
        Assert.Equal("-20 (2^-20 s = 0.954 µs)", byName["precision"]);
        Assert.Equal("1.007 ms", byName["root delay"]);
        Assert.Equal("LOCL", byName["reference ID"]);
        Assert.Equal("0 (not set)", byName["origin timestamp"]);
        Assert.Contains("(Kiss-o'-Death)", (reply with { Stratum = 0 }).Fields()[1].Value, StringComparison.Ordinal);
        Assert.Contains("(unsynchronised)", (reply with { Stratum = 16 }).Fields()[1].Value, StringComparison.Ordinal);
        Assert.Contains("(secondary)", (reply with { Stratum = 2 }).Fields()[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHexDump_NamesEachField()
    {
        var dump = NtpPacket.ClientRequest(NtpTimestamp.Now).ToHexDump();

        Assert.Equal(11, dump.Fields.Count);
        Assert.Contains("transmit timestamp", dump.ToMimeBundle()["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_IsOneLine()
    {
        var reply = new NtpPacket { Mode = NtpMode.Server, Stratum = 1, ReferenceId = NtpPacket.AsciiReferenceId("LOCL"), Transmit = NtpTimestamp.FromDateTime(DateTime.UnixEpoch) };

        Assert.Equal("NTPv4 server, stratum 1 (LOCL), transmit 1970-01-01 00:00:00.000000 UTC", reply.ToString());
    }
}
