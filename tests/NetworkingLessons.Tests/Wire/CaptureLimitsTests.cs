using NetworkingLessons.Wire;

namespace NetworkingLessons.Tests.Wire;

/// <summary>Each capture limit at its bounds, both sides, and the Wire entry points' arguments.</summary>
public sealed class CaptureLimitsTests
{
    public static TheoryData<CaptureLimits, string> OutOfRange() => new()
    {
        { new CaptureLimits(MaxPackets: 0), "MaxPackets" },
        { new CaptureLimits(MaxPackets: -1), "MaxPackets" },
        { new CaptureLimits(MaxPackets: 1_000_001), "MaxPackets" },
        { new CaptureLimits(MaxBytes: 0), "MaxBytes" },
        { new CaptureLimits(MaxBytes: (1L << 30) + 1), "MaxBytes" },
        { new CaptureLimits(MaxDuration: TimeSpan.Zero), "MaxDuration" },
        { new CaptureLimits(MaxDuration: TimeSpan.FromTicks(-1)), "MaxDuration" },
        { new CaptureLimits(MaxDuration: TimeSpan.FromHours(1) + TimeSpan.FromTicks(1)), "MaxDuration" },
        { new CaptureLimits(SnapLength: 67), "SnapLength" },
        { new CaptureLimits(SnapLength: PcapFile.MaxPacketLength + 1), "SnapLength" },
    };

    public static TheoryData<CaptureLimits> AtTheBounds() =>
    [
        new CaptureLimits(MaxPackets: 1),
        new CaptureLimits(MaxPackets: 1_000_000),
        new CaptureLimits(MaxBytes: 1),
        new CaptureLimits(MaxBytes: 1L << 30),
        new CaptureLimits(MaxDuration: TimeSpan.FromTicks(1)),
        new CaptureLimits(MaxDuration: TimeSpan.FromHours(1)),
        new CaptureLimits(SnapLength: 68),
        new CaptureLimits(SnapLength: PcapFile.MaxPacketLength),
    ];

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_OutOfRange_NamesTheLimit(CaptureLimits limits, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(limits.Validate);

        Assert.Equal(name, ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(AtTheBounds))]
    public void Validate_AtTheBounds_Passes(CaptureLimits limits)
    {
        limits.Validate();
    }

    [Fact]
    public void Duration_DefaultsToAMinute()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), new CaptureLimits().Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), new CaptureLimits(MaxDuration: TimeSpan.FromSeconds(5)).Duration);
        Assert.Equal(CaptureLimits.DefaultDuration, new CaptureLimits().Duration);
        Assert.Equal("A capture runs for more than nothing and at most an hour. (Parameter 'MaxDuration')\nActual value was 00:00:00.",
            Assert.Throws<ArgumentOutOfRangeException>(new CaptureLimits(MaxDuration: TimeSpan.Zero).Validate).Message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Capture_Arguments_AreCheckedBeforeAnythingStarts()
    {
        Assert.Equal("ports", Assert.Throws<ArgumentNullException>(() => NetworkingLessons.Wire.Wire.Capture((IReadOnlyCollection<int>)null!)).ParamName);
        var none = Assert.Throws<ArgumentException>(() => NetworkingLessons.Wire.Wire.Capture([], null, null));
        Assert.StartsWith("Name the ports to capture: a capture keeps only their packets.", none.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkingLessons.Wire.Wire.Capture(80, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkingLessons.Wire.Wire.Capture([80], new CaptureLimits(SnapLength: 10)));
    }

    [Theory]
    [InlineData(Recording.TcpConnection, "tcp-connection.pcap")]
    [InlineData(Recording.TcpReset, "tcp-reset.pcap")]
    [InlineData(Recording.UdpExchange, "udp-exchange.pcap")]
    [InlineData(Recording.SntpExchange, "sntp-exchange.pcap")]
    [InlineData(Recording.LossyRelay, "lossy-relay.pcap")]
    public void RecordingFile_NamesEachRecording(Recording recording, string file)
    {
        Assert.Equal(file, NetworkingLessons.Wire.Wire.RecordingFile(recording));
        Assert.EndsWith($"({file})", NetworkingLessons.Wire.Wire.Recorded(recording).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordingFile_Unknown_IsRefusedByName()
    {
        Assert.Equal("recording", Assert.Throws<ArgumentOutOfRangeException>(() => NetworkingLessons.Wire.Wire.RecordingFile((Recording)99)).ParamName);
    }

    [Fact]
    public void RecordingFile_Unknown_SaysSo()
    {
        Assert.StartsWith("No such recording.", Assert.Throws<ArgumentOutOfRangeException>(() => NetworkingLessons.Wire.Wire.RecordingFile((Recording)99)).Message, StringComparison.Ordinal);
    }
}
