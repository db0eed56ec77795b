using System.Buffers;
using NetworkingLessons.Serialization;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>Untrusted bytes: every malformed input is refused with what and where, nothing large is allocated on a claim, and plain reading and writing allocate nothing.</summary>
public sealed class MessagePackReaderTests
{
    private static MessagePackFormatException Refused(string hex) =>
        Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("c1", "0xc1 is never used in MessagePack (at byte 0)")]
    [InlineData("", "The input ended where a value was due (at byte 0)")]
    [InlineData("9201", "An array claims 2 values, but only 1 bytes remain (at byte 0)")]
    [InlineData("cd00", "The input ends inside a uint 16: it needs 2 bytes and 1 remain (at byte 0)")]
    [InlineData("a56869", "The input ends inside a string: it needs 5 bytes and 2 remain (at byte 1)")]
    [InlineData("0102", "1 bytes follow the value (at byte 1)")]
    [InlineData("a2fffe", "The string is not valid UTF-8 (byte 0 of its text) (at byte 0)")]
    [InlineData("a2c0af", "The string is not valid UTF-8 (byte 0 of its text) (at byte 0)")]
    [InlineData("d5ff0000", "A timestamp of 2 bytes; it has 4, 8 or 12 (at byte 0)")]
    [InlineData("c703ff000000", "A timestamp of 3 bytes; it has 4, 8 or 12 (at byte 0)")]
    [InlineData("d7ffffffffff00000000", "A timestamp with 1,073,741,823 nanoseconds; a second has 999,999,999 at most (at byte 0)")]
    [InlineData("c70cff3b9aca000000000000000000", "A timestamp with 1,000,000,000 nanoseconds; a second has 999,999,999 at most (at byte 0)")]
    [InlineData("82a161c0a161c0", "The map has the key a twice (at byte 4)")]
    [InlineData("81c001", "A map key is nil (at byte 1)")]
    public void MalformedInput_IsRefused_SayingWhatAndWhere(string hex, string message)
    {
        Assert.Equal(message, Refused(hex).Message);
    }

    [Theory]
    [InlineData("c640000000", "A bin 32 claims 1,073,741,824 bytes, but only 0 remain (at byte 0)")]
    [InlineData("dbffffffff", "A str 32 claims 4,294,967,295 bytes, but only 0 remain (at byte 0)")]
    [InlineData("ddffffffff", "A header claims 4,294,967,295 elements, but only 0 bytes remain (at byte 0)")]
    [InlineData("dfffffffff", "A header claims 4,294,967,295 elements, but only 0 bytes remain (at byte 0)")]
    [InlineData("dc0100c0", "An array claims 256 values, but only 1 bytes remain (at byte 0)")]
    [InlineData("de0002c0c0", "A map claims 2 pairs, but only 2 bytes remain (at byte 0)")]
    [InlineData("c9ffffffff01", "A ext 32 claims 4,294,967,295 bytes, but only 1 remain (at byte 0)")]
    public void AClaimLargerThanTheInput_IsRefusedAtOnce_WithoutALargeAllocation(string hex, string message)
    {
        var bytes = Convert.FromHexString(hex);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(bytes));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000, "a claim must be checked before anything is allocated for it");
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void EveryTruncation_OfAValidValue_IsRefused()
    {
        var whole = MessagePackSerializer.Serialize(new Dictionary<string, object?>
        {
            ["n"] = 300, ["s"] = new string('x', 40), ["b"] = new byte[300], ["l"] = new object?[] { 1.5, -70_000L, true, null },
            ["t"] = new MessagePackTimestamp(1L << 35, 5), ["e"] = new MessagePackExtension(7, new byte[3]),
        });

        for (var length = 0; length < whole.Length; length++)
        {
            Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(whole.AsSpan(0, length)));
        }
        Assert.NotNull(MessagePackSerializer.Deserialize(whole));
    }

    [Fact]
    public void Nesting_IsLimitedTo64Levels_ReadingAndSkipping()
    {
        var ok = Convert.FromHexString(string.Concat(Enumerable.Repeat("91", 64)) + "c0");
        var deep = Convert.FromHexString(string.Concat(Enumerable.Repeat("91", 65)) + "c0");

        Assert.NotNull(MessagePackSerializer.Deserialize(ok));
        Assert.StartsWith("Arrays and maps nest deeper than 64 levels", Refused(Convert.ToHexString(deep)).Message, StringComparison.Ordinal);
        var skipOk = new MessagePackReader(ok);
        skipOk.Skip();
        Assert.True(skipOk.End);
        var ex = Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader(deep);
            reader.Skip();
        });
        Assert.StartsWith("Arrays and maps nest deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMillionNestedArrays_AreRefused_WithoutExhaustingTheStack()
    {
        var deep = new byte[1_000_001];
        deep.AsSpan(0, 1_000_000).Fill(0x91);
        deep[^1] = 0xc0;

        Assert.Throws<MessagePackFormatException>(() => MessagePackSerializer.Deserialize(deep));
    }

    [Theory]
    [InlineData("cfffffffffffffffff", "The integer 18446744073709551615 is larger than a signed 64-bit number holds (at byte 0)")]
    public void ReadInt64_RefusesAUInt64AboveItsRange(string hex, string message)
    {
        var ex = Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString(hex));
            reader.ReadInt64();
        });
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void ReadUInt64_RefusesANegative_AndWrongTypesNameWhatCame()
    {
        var ex = Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader([0xff]);
            reader.ReadUInt64();
        });
        Assert.Equal("The integer -1 is negative where an unsigned one was expected (at byte 0)", ex.Message);
        var wrong = Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader([0xa1, 0x61]);
            reader.ReadBoolean();
        });
        Assert.Equal("Expected a boolean, found a string (0xa1) (at byte 0)", wrong.Message);
    }

    [Fact]
    public void WritingAndReadingNumbers_AllocatesNothingPerValue()
    {
        var output = new ArrayBufferWriter<byte>(1 << 20);
        var writer = new MessagePackWriter(output);
        writer.WriteInt64(1); // warm up
        output.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            writer.WriteInt64(i * 7919L - 30_000);
            writer.WriteDouble(i / 3.0);
            writer.WriteBoolean(i % 2 == 0);
            writer.WriteArrayHeader(i % 4);
            writer.WriteTimestamp(i, (uint)i);
        }
        var afterWriting = GC.GetAllocatedBytesForCurrentThread();
        var reader = new MessagePackReader(output.WrittenSpan);
        long sum = 0;
        for (var i = 0; i < 10_000; i++)
        {
            sum += reader.ReadInt64();
            sum += (long)reader.ReadDouble();
            sum += reader.ReadBoolean() ? 1 : 0;
            sum += reader.ReadArrayHeader();
            sum += reader.ReadTimestampParts().Seconds;
        }
        var afterReading = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, afterWriting - before);
        Assert.Equal(0, afterReading - afterWriting);
        Assert.NotEqual(0, sum);
    }
}
