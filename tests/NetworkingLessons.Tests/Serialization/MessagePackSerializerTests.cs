using NetworkingLessons.Serialization;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>Values and objects round trip; versions one field apart understand each other; wrong types are refused clearly.</summary>
public sealed class MessagePackSerializerTests
{
    public enum Mood { Calm = 1, Busy = 2 }

    public sealed record Reading(string Station, double Celsius, DateTimeOffset At, Mood Mood, IReadOnlyList<int> Samples, Dictionary<string, string>? Tags);

    public sealed record ReadingV2(string Station, double Celsius, DateTimeOffset At, Mood Mood, IReadOnlyList<int> Samples, Dictionary<string, string>? Tags, string Unit);

    public sealed class Settable
    {
        public string Name { get; set; } = "";

        public int Count { get; set; }

        public byte[]? Blob { get; set; }

        public DateTime When { get; set; }
    }

    private static readonly Reading Sample = new("Zürich", 21.5, new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(1234567), Mood.Busy, [1, -2, 300, 70_000], new() { ["kind"] = "test" });

    [Fact]
    public void RandomValues_RoundTrip_AndEncodeTheSameTwice()
    {
        var random = new Random(2026);
        for (var i = 0; i < 2_000; i++)
        {
            var value = MessagePackValues.Random(random);
            var bytes = MessagePackSerializer.Serialize(value);
            var back = MessagePackSerializer.Deserialize(bytes);
            Assert.True(MessagePackValues.Same(value, back), $"value {i} did not come back: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 64)))}");
            Assert.Equal(bytes, MessagePackSerializer.Serialize(back));
        }
    }

    [Fact]
    public void ARecord_RoundTrips_AsAMapByName()
    {
        var bytes = MessagePackSerializer.Serialize(Sample);
        var back = MessagePackSerializer.Deserialize<Reading>(bytes);

        Assert.Equal(Sample with { Samples = back.Samples, Tags = back.Tags }, back);
        Assert.Equal(Sample.Samples, back.Samples);
        Assert.Equal(Sample.Tags, back.Tags);
        var map = Assert.IsType<Dictionary<object, object?>>(MessagePackSerializer.Deserialize(bytes));
        Assert.Equal(["Station", "Celsius", "At", "Mood", "Samples", "Tags"], map.Keys);
        Assert.Equal(2L, map["Mood"]);
    }

    [Fact]
    public void ANewerSender_AndAnOlderReceiver_UnderstandEachOther()
    {
        var newer = new ReadingV2(Sample.Station, Sample.Celsius, Sample.At, Sample.Mood, Sample.Samples, null, "°C");

        var old = MessagePackSerializer.Deserialize<Reading>(MessagePackSerializer.Serialize(newer)); // an extra field: skipped
        var upgraded = MessagePackSerializer.Deserialize<ReadingV2>(MessagePackSerializer.Serialize(Sample)); // a missing field: its default

        Assert.Equal(Sample.Station, old.Station);
        Assert.Null(upgraded.Unit);
        Assert.Equal(Sample.Celsius, upgraded.Celsius);
    }

    [Fact]
    public void AClassWithSetters_RoundTrips()
    {
        var value = new Settable { Name = "n", Count = -5, Blob = [1, 2], When = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc) };

        var back = MessagePackSerializer.Deserialize<Settable>(MessagePackSerializer.Serialize(value));

        Assert.Equal((value.Name, value.Count, value.When), (back.Name, back.Count, back.When));
        Assert.Equal(value.Blob, back.Blob);
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(65_536L, "ce00010000")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Integers_TakeTheirSmallestForm(long value, string hex)
    {
        Assert.Equal(hex.ToUpperInvariant(), Convert.ToHexString(MessagePackSerializer.Serialize(value)));
    }

    [Fact]
    public void Typed_NumbersAreCheckedAgainstTheirType()
    {
        Assert.Equal(200, MessagePackSerializer.Deserialize<byte>(MessagePackSerializer.Serialize(200)));
        var ex = Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize<byte>(MessagePackSerializer.Serialize(300)));
        Assert.Equal("The number does not fit a Byte (at byte 0)", ex.Message);
        Assert.Equal(ulong.MaxValue, MessagePackSerializer.Deserialize<ulong>(MessagePackSerializer.Serialize(ulong.MaxValue)));
        Assert.Equal(2.5f, MessagePackSerializer.Deserialize<float>(MessagePackSerializer.Serialize(2.5f)));
        Assert.Null(MessagePackSerializer.Deserialize<int?>([0xc0]));
    }

    [Fact]
    public void Typed_AWrongTypeOfValue_IsRefused()
    {
        var ex = Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize<Reading>(MessagePackSerializer.Serialize(new Dictionary<string, object?> { ["Station"] = 5 })));
        Assert.Equal("Expected a string, found an integer (0x05) (at byte 9)", ex.Message);
        var notMap = Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize<Reading>([0x90]));
        Assert.Equal("Expected a map, found an array (0x90) (at byte 0)", notMap.Message);
        var key = Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize<Reading>([0x81, 0x01, 0x02]));
        Assert.Equal("A key of a Reading is not a string (at byte 1)", key.Message);
        var twice = Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize<Settable>(MessagePackSerializer.Serialize(new object[] { }).Length == 1 ? [0x82, 0xa4, (byte)'N', (byte)'a', (byte)'m', (byte)'e', 0xa0, 0xa4, (byte)'N', (byte)'a', (byte)'m', (byte)'e', 0xa0] : []));
        Assert.Equal("The field Name appears twice (at byte 7)", twice.Message);
    }

    [Fact]
    public void Writing_ACycle_IsRefused_AndUnknownTypesAreNamed()
    {
        var loop = new List<object?>();
        loop.Add(loop);

        Assert.Throws<InvalidOperationException>(() => MessagePackSerializer.Serialize(loop));
        Assert.Throws<NotSupportedException>(() => MessagePackSerializer.Serialize(1.5m));
        Assert.Throws<ArgumentException>(() => MessagePackSerializer.Serialize("\ud800 lone"));
    }

    [Fact]
    public void Timestamps_KeepTheirNanoseconds_AndDatesTheirTicks()
    {
        var stamp = new MessagePackTimestamp(1_514_862_245, 678_901_234);

        Assert.Equal(stamp, MessagePackSerializer.Deserialize(MessagePackSerializer.Serialize(stamp)));
        Assert.Equal("2018-01-02T03:04:05.678901234Z", stamp.ToString());
        Assert.Equal(new DateTimeOffset(2018, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(6_789_012), stamp.ToDateTimeOffset());
        var before1970 = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1);
        Assert.Equal(before1970, MessagePackSerializer.Deserialize<DateTimeOffset>(MessagePackSerializer.Serialize(before1970)));
        var far = Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize<DateTimeOffset>(MessagePackSerializer.Serialize(new MessagePackTimestamp(1L << 40, 0))));
        Assert.StartsWith("The timestamp 1,099,511,627,776 s is outside the years 1 to 9999", far.Message, StringComparison.Ordinal);
        Assert.Equal("1099511627776 s + 0 ns", new MessagePackTimestamp(1L << 40, 0).ToString());
    }

    [Fact]
    public void Extensions_RoundTrip_AndCompareByTheirBytes()
    {
        var ext = new MessagePackExtension(42, new byte[] { 1, 2, 3 });

        Assert.Equal(ext, MessagePackSerializer.Deserialize(MessagePackSerializer.Serialize(ext)));
        Assert.Equal(ext, MessagePackSerializer.Deserialize<MessagePackExtension>(MessagePackSerializer.Serialize(ext)));
        Assert.Equal("ext 42: 01-02-03", ext.ToString());
        Assert.NotEqual(ext, new MessagePackExtension(42, new byte[] { 1, 2, 4 }));
    }
}
