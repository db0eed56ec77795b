using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Framing;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Framing;

/// <summary>Every framing delivers every frame whole at every chunk size and split point, and checks each limit.</summary>
public sealed class FramerTests
{
    private static readonly byte[][] Messages = [.. new[] { 0, 1, 7, 10, 100, 3_000, 5_000 }.Select(Message)];

    private static byte[] Message(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26))];

    public static TheoryData<string> Framers() => ["delimiter", "decimal", "prefix"];

    private static Framer Make(string name, int max = Framer.DefaultMaxFrameBytes) => name switch
    {
        "delimiter" => new DelimiterFramer(maxFrameBytes: max),
        "decimal" => new DecimalHeaderFramer(maxFrameBytes: max),
        "prefix" => new LengthPrefixFramer(max),
        _ => new CloseFramer(max),
    };

    private static async Task<List<byte[]>> ReadAll(Framer framer, Stream stream)
    {
        var frames = new List<byte[]>();
        await foreach (var frame in framer.ReadAllAsync(stream))
        {
            frames.Add(frame);
        }
        return frames;
    }

    [Theory]
    [MemberData(nameof(Framers))]
    public async Task EveryFrame_ComesWhole_AtEveryChunkSizeFrom1To4096(string name)
    {
        var framer = Make(name);
        var messages = name == "delimiter" ? Messages : [.. Messages, [(byte)'\n', 0, 255]];
        var wire = messages.SelectMany(m => framer.Encode(m)).ToArray();

        for (var chunk = 1; chunk <= 4096; chunk++)
        {
            var frames = await ReadAll(framer, ChunkedStream.Fixed(wire, chunk));
            Assert.True(frames.Count == messages.Length && frames.Zip(messages).All(p => p.First.AsSpan().SequenceEqual(p.Second)), $"{framer.Name}: wrong at chunk size {chunk}");
        }
    }

    [Theory]
    [MemberData(nameof(Framers))]
    public async Task EveryFrame_ComesWhole_AtRandomSplitPoints(string name)
    {
        var framer = Make(name);
        var wire = Messages.SelectMany(m => framer.Encode(m)).ToArray();

        for (var seed = 0; seed < 300; seed++)
        {
            var frames = await ReadAll(framer, ChunkedStream.Random(wire, 700, seed));
            Assert.True(frames.Zip(Messages).All(p => p.First.AsSpan().SequenceEqual(p.Second)) && frames.Count == Messages.Length, $"{framer.Name}: wrong with seed {seed}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task CloseFraming_IsTheWholeStream_AndNullWhenNothingCame(int chunk)
    {
        var framer = new CloseFramer();

        Assert.Equal(Messages[^1], await framer.ReadAsync(ChunkedStream.Fixed(Messages[^1], chunk)));
        Assert.Null(await framer.ReadAsync(ChunkedStream.Fixed([], chunk)));
        Assert.Single(await ReadAll(framer, ChunkedStream.Fixed(Messages[^1], chunk)));
    }

    [Fact]
    public async Task CloseFraming_RefusesAStreamOverTheLimit()
    {
        var ex = await Assert.ThrowsAsync<FramingException>(() => new CloseFramer(100).ReadAsync(ChunkedStream.Fixed(Message(101), 7)));

        Assert.Equal("A message of 101 bytes is over the 100-byte limit on a frame.", ex.Message);
        Assert.Equal(100, (await new CloseFramer(100).ReadAsync(ChunkedStream.Fixed(Message(100), 7)))!.Length);
    }

    [Fact]
    public void Encodings_AreWhatTheLessonShows()
    {
        Assert.Equal("5         hello"u8.ToArray(), new DecimalHeaderFramer().Encode("hello"u8));
        Assert.Equal([0, 0, 0, 5, .. "hello"u8], new LengthPrefixFramer().Encode("hello"u8));
        Assert.Equal("hello\n"u8.ToArray(), new DelimiterFramer().Encode("hello"u8));
        Assert.Equal("hello;"u8.ToArray(), new DelimiterFramer((byte)';').Encode("hello"u8));
        Assert.Equal("hello"u8.ToArray(), new CloseFramer().Encode("hello"u8));
    }

    [Fact]
    public void Names_SayTheFraming()
    {
        Assert.Equal("newline-delimited", new DelimiterFramer().Name);
        Assert.Equal("delimited by 0x00", new DelimiterFramer(0).Name);
        Assert.Equal("10-character decimal header", new DecimalHeaderFramer().Name);
        Assert.Equal("4-byte big-endian length prefix", new LengthPrefixFramer().Name);
        Assert.Equal("close to end", new CloseFramer().Name);
    }

    [Theory]
    [MemberData(nameof(Framers))]
    public void Encode_RefusesAMessageOverTheLimit(string name)
    {
        var ex = Assert.Throws<FramingException>(() => Make(name, 10).Encode(Message(11)));

        Assert.Equal("A message of 11 bytes is over the 10-byte limit on a frame.", ex.Message);
        Assert.Equal(10 + (name == "delimiter" ? 1 : name == "decimal" ? 10 : 4), Make(name, 10).Encode(Message(10)).Length);
    }

    [Fact]
    public void Delimiter_RefusesAMessageHoldingIt()
    {
        var ex = Assert.Throws<FramingException>(() => new DelimiterFramer().Encode("two\nlines"u8));

        Assert.Equal("The message holds the delimiter 0x0A at byte 3: the receiver would cut it there.", ex.Message);
    }

    [Fact]
    public void Decimal_RefusesALengthTooWideForItsHeader()
    {
        var ex = Assert.Throws<FramingException>(() => new DecimalHeaderFramer(headerWidth: 2).Encode(Message(100)));

        Assert.Equal("A length of 100 does not fit a 2-character header.", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecimalHeaderFramer(headerWidth: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecimalHeaderFramer(headerWidth: 19));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LengthPrefixFramer(0));
    }

    [Theory]
    [InlineData("-5        abc", "The header \"-5        \" is not a length: digits, then spaces.")]
    [InlineData("          abc", "The header \"          \" is not a length: digits, then spaces.")]
    [InlineData(" 5        abc", "The header \" 5        \" is not a length: digits, then spaces.")]
    [InlineData("5x        abc", "The header \"5x        \" is not a length: digits, then spaces.")]
    [InlineData("9999999999abc", "A header announcing a message of 9,999,999,999 bytes is over the 1,048,576-byte limit on a frame.")]
    public async Task Decimal_RefusesABadHeader(string wire, string message)
    {
        var ex = await Assert.ThrowsAsync<FramingException>(() => new DecimalHeaderFramer().ReadAsync(ChunkedStream.Fixed(Encoding.ASCII.GetBytes(wire), 3)));

        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)] // -1, were it read as signed
    [InlineData(0x80000000u)]
    [InlineData(1_048_577u)]
    public async Task Prefix_RefusesALengthOverTheLimit_BeforeAllocating(uint length)
    {
        var wire = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(wire, length);

        var ex = await Assert.ThrowsAsync<FramingException>(() => new LengthPrefixFramer().ReadAsync(ChunkedStream.Fixed(wire, 1)));

        Assert.Equal($"A prefix announcing a message of {length:N0} bytes is over the 1,048,576-byte limit on a frame.", ex.Message);
    }

    [Fact]
    public async Task Prefix_OfZero_IsAnEmptyMessage()
    {
        Assert.Empty((await new LengthPrefixFramer().ReadAsync(ChunkedStream.Fixed([0, 0, 0, 0], 1)))!);
    }

    [Theory]
    [InlineData("prefix", new byte[] { 0, 0 }, "The stream ended after 2 of the prefix's 4 bytes.")]
    [InlineData("prefix", new byte[] { 0, 0, 0, 10, 1, 2, 3 }, "The stream ended after 3 of the 10 bytes the prefix announced: 7 missing.")]
    [InlineData("decimal", new byte[] { (byte)'1', (byte)'0' }, "The stream ended after 2 of the header's 10 characters.")]
    [InlineData("decimal", new byte[] { (byte)'1', (byte)'0', 32, 32, 32, 32, 32, 32, 32, 32, 1, 2 }, "The stream ended after 2 of the 10 bytes the header announced: 8 missing.")]
    [InlineData("delimiter", new byte[] { 1, 2, 3 }, "The stream ended after 3 bytes of a message with no delimiter: the rest is missing.")]
    public async Task AFrameCutShort_SaysHowMuchWasMissing(string name, byte[] wire, string message)
    {
        var ex = await Assert.ThrowsAsync<EndOfStreamException>(() => Make(name).ReadAsync(ChunkedStream.Fixed(wire, 1)));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task Delimiter_RefusesAMessageThatNeverEnds_AtTheLimit()
    {
        var ex = await Assert.ThrowsAsync<FramingException>(() => new DelimiterFramer(maxFrameBytes: 10).ReadAsync(ChunkedStream.Fixed(Message(50), 4)));

        Assert.Equal("No delimiter in the first 10 bytes of a message: over the limit on a frame.", ex.Message);
        Assert.Equal(10, (await new DelimiterFramer(maxFrameBytes: 10).ReadAsync(ChunkedStream.Fixed([.. Message(10), (byte)'\n'], 4)))!.Length);
    }

    [Theory]
    [MemberData(nameof(Framers))]
    public async Task ASlowSender_IsCutOffAtTheIdleDeadline(string name)
    {
        using var pair = ConnectedPair.Tcp();
        using var stream = new NetworkStream(pair.Server);
        var framer = Make(name);
        var frame = framer.Encode(Message(20));
        pair.Client.Send(frame.AsSpan(0, 5)); // then nothing

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => framer.ReadAsync(stream, TimeSpan.FromMilliseconds(200)));

        Assert.Equal("No byte arrived for 0.2 s (5 bytes of this frame had come).", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Framers))]
    public async Task ASender_ThatKeepsSending_IsNotCutOff(string name)
    {
        using var pair = ConnectedPair.Tcp();
        pair.Client.NoDelay = true;
        using var stream = new NetworkStream(pair.Server);
        var framer = Make(name);
        var frame = framer.Encode(Message(12));
        var sending = Task.Run(() =>
        {
            foreach (var b in frame)
            {
                pair.Client.Send([b]);
                Thread.Sleep(250); // each pause well inside the idle deadline (a loaded machine may stretch one); the whole frame (13 to 22 bytes) beyond it
            }
        });

        Assert.Equal(Message(12), await framer.ReadAsync(stream, TimeSpan.FromSeconds(3)));
        await sending;
    }

    [Theory]
    [MemberData(nameof(Framers))]
    public async Task ReadAsync_TakesOneFrameAndLeavesTheNext(string name)
    {
        var framer = Make(name);
        var stream = ChunkedStream.Fixed([.. framer.Encode("one"u8), .. framer.Encode("two"u8), .. framer.Encode("three"u8)], 4096);

        Assert.Equal("one"u8.ToArray(), await framer.ReadAsync(stream));
        Assert.Equal("two"u8.ToArray(), await framer.ReadAsync(stream));
        Assert.Equal("three"u8.ToArray(), await framer.ReadAsync(stream));
        Assert.Null(await framer.ReadAsync(stream));
    }

    [Fact]
    public async Task WriteAsync_PutsTheFrameOnTheStream()
    {
        var stream = new MemoryStream();

        await new LengthPrefixFramer().WriteAsync(stream, "hi"u8.ToArray());

        Assert.Equal([0, 0, 0, 2, (byte)'h', (byte)'i'], stream.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(333)]
    [InlineData(4096)]
    public async Task Pipelines_LengthPrefixed_EveryFrameWhole(int chunk)
    {
        var framer = new LengthPrefixFramer();
        var wire = Messages.SelectMany(m => framer.Encode(m)).ToArray();

        var frames = await ReadPipe(wire, chunk, r => PipeFraming.ReadLengthPrefixedAsync(r));

        Assert.Equal(Messages.Length, frames.Count);
        Assert.All(frames.Zip(Messages), p => Assert.Equal(p.Second, p.First));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public async Task Pipelines_Delimited_EveryFrameWhole(int chunk)
    {
        var framer = new DelimiterFramer();
        var wire = Messages.SelectMany(m => framer.Encode(m)).ToArray();

        var frames = await ReadPipe(wire, chunk, r => PipeFraming.ReadDelimitedAsync(r));

        Assert.Equal(Messages.Length, frames.Count);
        Assert.All(frames.Zip(Messages), p => Assert.Equal(p.Second, p.First));
    }

    [Fact]
    public async Task Pipelines_CheckTheLimit_AndACutFrame()
    {
        var huge = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(huge, 2_000_000);
        await Assert.ThrowsAsync<FramingException>(() => ReadPipe(huge, 3, r => PipeFraming.ReadLengthPrefixedAsync(r)));
        await Assert.ThrowsAsync<FramingException>(() => ReadPipe(Message(300), 50, r => PipeFraming.ReadDelimitedAsync(r, maxFrameBytes: 100)));
        var cut = await Assert.ThrowsAsync<EndOfStreamException>(() => ReadPipe([0, 0, 0, 9, 1, 2], 2, r => PipeFraming.ReadLengthPrefixedAsync(r)));
        Assert.Equal("The stream ended with 6 bytes of a frame that never finished.", cut.Message);
    }

    private static async Task<List<byte[]>> ReadPipe(byte[] wire, int chunk, Func<PipeReader, IAsyncEnumerable<byte[]>> read)
    {
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            for (var at = 0; at < wire.Length; at += chunk)
            {
                await pipe.Writer.WriteAsync(wire.AsMemory(at, Math.Min(chunk, wire.Length - at)));
            }
            await pipe.Writer.CompleteAsync();
        });
        var frames = new List<byte[]>();
        await foreach (var frame in read(pipe.Reader))
        {
            frames.Add(frame);
        }
        await writing;
        return frames;
    }
}
