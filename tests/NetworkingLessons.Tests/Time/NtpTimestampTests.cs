using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

public sealed class NtpTimestampTests
{
    [Fact]
    public void FromDateTime_UnixEpoch_IsTime1970Seconds()
    {
        var t = NtpTimestamp.FromDateTime(DateTime.UnixEpoch);

        Assert.Equal((2_208_988_800u, 0u), (t.Seconds, t.Fraction));
        Assert.Equal(0, t.UnixSeconds);
    }

    [Fact]
    public void FromDateTime_HalfASecond_IsTheTopBitOfTheFraction()
    {
        Assert.Equal(0x8000_0000u, NtpTimestamp.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(500)).Fraction);
        Assert.Equal(0x4000_0000u, NtpTimestamp.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(250)).Fraction);
    }

    [Theory]
    [InlineData("1968-01-20T03:14:08.0000000Z")]
    [InlineData("1999-12-31T23:59:59.9999999Z")]
    [InlineData("2026-12-01T08:14:45.5366521Z")]
    [InlineData("2036-02-07T06:28:15.9999999Z")]
    [InlineData("2036-02-07T06:28:16.0000000Z")]
    [InlineData("2036-02-07T06:28:17.1234567Z")]
    [InlineData("2104-02-26T09:42:23.9999999Z")]
    public void ToDateTime_AfterFromDateTime_IsTheSameTimeToTheTick(string text)
    {
        var time = DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(time, NtpTimestamp.FromDateTime(time).ToDateTime());
    }

    [Fact]
    public void ToDateTime_TopBitClear_IsTheEraAfter2036()
    {
        Assert.Equal(new DateTime(2036, 2, 7, 6, 28, 16, DateTimeKind.Utc), new NtpTimestamp(0, 0).ToDateTime());
        Assert.Equal(new DateTime(2036, 2, 7, 6, 28, 17, DateTimeKind.Utc), new NtpTimestamp(1, 0).ToDateTime());
        Assert.Equal(new DateTime(1968, 1, 20, 3, 14, 8, DateTimeKind.Utc), new NtpTimestamp(0x8000_0000, 0).ToDateTime());
        Assert.Equal(new DateTime(2036, 2, 7, 6, 28, 15, DateTimeKind.Utc), new NtpTimestamp(0xFFFF_FFFF, 0).ToDateTime());
    }

    [Fact]
    public void FromDateTime_After2036_WrapsTheSeconds()
    {
        var t = NtpTimestamp.FromDateTime(NtpTimestamp.Era1.AddSeconds(10));

        Assert.Equal(10u, t.Seconds);
    }

    [Fact]
    public void FromDateTime_LocalTime_IsConvertedToUtc()
    {
        var utc = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(NtpTimestamp.FromDateTime(utc), NtpTimestamp.FromDateTime(utc.ToLocalTime()));
    }

    [Theory]
    [InlineData("1968-01-20T03:14:07Z")]
    [InlineData("2104-02-26T09:42:24Z")]
    public void FromDateTime_OutsideTheSpan_Throws(string text)
    {
        var time = DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NtpTimestamp.FromDateTime(time));

        Assert.Equal("time", ex.ParamName);
        Assert.Contains("1968-01-20 03:14:08 to 2104-02-26 09:42:23", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_AcrossTheEraBoundary_IsTheRealInterval()
    {
        var before = NtpTimestamp.FromDateTime(NtpTimestamp.Era1.AddSeconds(-1));
        var after = NtpTimestamp.FromDateTime(NtpTimestamp.Era1.AddSeconds(1.5));

        Assert.Equal(2.5, NtpTimestamp.Difference(after, before), 9);
        Assert.Equal(-2.5, NtpTimestamp.Difference(before, after), 9);
    }

    [Fact]
    public void ReadAndWrite_AreNetworkByteOrder()
    {
        var t = new NtpTimestamp(0x0102_0304, 0x0506_0708);
        var bytes = new byte[8];

        t.Write(bytes);

        Assert.Equal("0102030405060708", Convert.ToHexString(bytes));
        Assert.Equal(t, NtpTimestamp.Read(bytes));
        Assert.Equal(0x0102_0304_0506_0708ul, t.Raw);
        Assert.Equal(t, NtpTimestamp.FromRaw(t.Raw));
    }

    [Fact]
    public void ReadAndWrite_TooFewBytes_Throw()
    {
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => NtpTimestamp.Read(new byte[7])).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => new NtpTimestamp(1, 2).Write(new byte[7])).ParamName);
    }

    [Fact]
    public void ToString_IsUtcToTheMicrosecond_OrNotSet()
    {
        Assert.Equal("0 (not set)", NtpTimestamp.Zero.ToString());
        Assert.True(NtpTimestamp.Zero.IsZero);
        Assert.False(new NtpTimestamp(0, 1).IsZero);
        Assert.False(new NtpTimestamp(1, 0).IsZero);
        Assert.Equal("1970-01-01 00:00:00.500000 UTC", NtpTimestamp.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(500)).ToString());
    }

    [Fact]
    public void Now_IsThisMachinesClock()
    {
        var before = DateTime.UtcNow;
        var now = NtpTimestamp.Now.ToDateTime();
        var after = DateTime.UtcNow;

        Assert.InRange(now, before.AddTicks(-1), after.AddTicks(1));
    }
}
