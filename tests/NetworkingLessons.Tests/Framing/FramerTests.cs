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

    [Fact]
    public void ChunkedStream_RefusesNoDataAndChunksUnderOneByte()
    {
        Assert.Throws<ArgumentNullException>(() => ChunkedStream.Fixed(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkedStream.Fixed([1], 0));
        Assert.Throws<ArgumentNullException>(() => ChunkedStream.Random(null!, 1, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkedStream.Random([1], 0, seed: 0));
    }

    [Fact]
    public void ChunkedStream_IsReadOnlyAndCountsTheReadsThatGaveBytes()
    {
        var stream = ChunkedStream.Fixed(Message(10), 3);
        var buffer = new byte[10];

        Assert.True(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
        Assert.Equal([3, 3, 3, 1, 0, 0], Enumerable.Range(0, 6).Select(_ => stream.Read(buffer, 0, buffer.Length)));
        Assert.Equal(4, stream.Reads); // the two reads at the end gave nothing
    }

    [Fact]
    public void ChunkedStream_Random_GivesEverySizeFromOneToTheMaximum()
    {
        var stream = ChunkedStream.Random(Message(3_000), 5, seed: 7);
        var sizes = new HashSet<int>();
        var buffer = new byte[100];

        while (stream.Read(buffer) is var n and > 0)
        {
            sizes.Add(n);
        }

        Assert.Equal([1, 2, 3, 4, 5], sizes.Order());
    }

    [Fact]
    public async Task ChunkedStream_ReadAsync_HonoursCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ChunkedStream.Fixed([1], 1).ReadAsync(new byte[1], cancelled.Token).AsTask());
    }

    [Fact]
    public async Task ReadAllAsync_ReadsAhead_SoManySmallFramesCostOneRead()
    {
        var framer = new DelimiterFramer();
        var stream = ChunkedStream.Fixed([.. Enumerable.Range(0, 100).SelectMany(_ => framer.Encode("hi"u8))], 4096);

        Assert.Equal(100, (await ReadAll(framer, stream)).Count);
        Assert.Equal(1, stream.Reads);
    }

    [Theory]
    [MemberData(nameof(Framers))]
    public async Task TheIdleDeadline_CountsTheBytesOfThisFrame_NotTheFramesBefore(string name)
    {
        using var pair = ConnectedPair.Tcp();
        using var stream = new NetworkStream(pair.Server);
        var framer = Make(name);
        pair.Client.Send([.. framer.Encode(Message(20)), .. framer.Encode(Message(20)).AsSpan(0, 5)]); // then nothing

        var frames = new List<byte[]>();
        var ex = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var frame in framer.ReadAllAsync(stream, TimeSpan.FromMilliseconds(200)))
            {
                frames.Add(frame);
            }
        });

        Assert.Equal(Message(20), Assert.Single(frames));
        Assert.Equal("No byte arrived for 0.2 s (5 bytes of this frame had come).", ex.Message);
    }

    [Fact]
    public async Task Framer_RefusesANullStream()
    {
        var framer = new LengthPrefixFramer();

        await Assert.ThrowsAsync<ArgumentNullException>(() => framer.WriteAsync(null!, "x"u8.ToArray()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => framer.ReadAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () =>
        {
            await foreach (var _ in framer.ReadAllAsync(null!))
            {
            }
        });
    }

    [Fact]
    public async Task WriteAsync_Flushes_SoABufferedStreamPassesTheFrameOn()
    {
        var wire = new MemoryStream();
        await using var buffered = new BufferedStream(wire, 4096);

        await new LengthPrefixFramer().WriteAsync(buffered, "hi"u8.ToArray());

        Assert.Equal([0, 0, 0, 2, (byte)'h', (byte)'i'], wire.ToArray());
    }

    [Fact]
    public void CloseFraming_Encode_RefusesAMessageOverTheLimit()
    {
        var ex = Assert.Throws<FramingException>(() => new CloseFramer(10).Encode(Message(11)));

        Assert.Equal("A message of 11 bytes is over the 10-byte limit on a frame.", ex.Message);
        Assert.Equal(10, new CloseFramer(10).Encode(Message(10)).Length);
    }

    [Fact]
    public async Task CloseFraming_ReadsPastItsOwnBuffer_AndStopsOneByteOverTheLimit()
    {
        // 8,192 bytes is the framer's read size: a message of exactly that, and longer ones, come whole.
        Assert.Equal(8_192, (await new CloseFramer().ReadAsync(ChunkedStream.Fixed(Message(8_192), 4096)))!.Length);
        Assert.Equal(20_000, (await new CloseFramer().ReadAsync(ChunkedStream.Fixed(Message(20_000), 4096)))!.Length);

        // Over the limit it reads one byte more than the limit, not a whole buffer more, and says so.
        var ex = await Assert.ThrowsAsync<FramingException>(() => new CloseFramer(10_000).ReadAsync(ChunkedStream.Fixed(Message(20_000), 4096)));
        Assert.Equal("A message of 10,001 bytes is over the 10,000-byte limit on a frame.", ex.Message);
    }

    [Fact]
    public void Decimal_ALengthThatFillsTheHeaderExactly_Fits()
    {
        Assert.Equal([.. "99"u8, .. Message(99)], new DecimalHeaderFramer(headerWidth: 2).Encode(Message(99)));
    }

    [Fact]
    public async Task Decimal_ABadHeader_ShowsControlCharactersAsDots_AndPrintableOnesAsThemselves()
    {
        byte[] wire = [(byte)'~', 0x01, 0x7F, .. "       abc"u8];

        var ex = await Assert.ThrowsAsync<FramingException>(() => new DecimalHeaderFramer().ReadAsync(ChunkedStream.Fixed(wire, 3)));

        Assert.Equal("The header \"~··       \" is not a length: digits, then spaces.", ex.Message);
    }

    [Fact]
    public async Task Delimiter_AZeroByteIsData_NotTheEnd()
    {
        Assert.Equal([0, 1, 0], await new DelimiterFramer().ReadAsync(ChunkedStream.Fixed([0, 1, 0, (byte)'\n'], 1)));
    }

    [Fact]
    public async Task Pipelines_RefuseANullReader_AndCompleteItAtTheEnd()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () =>
        {
            await foreach (var _ in PipeFraming.ReadDelimitedAsync(null!))
            {
            }
        });
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("a\n"u8.ToArray());
        await pipe.Writer.CompleteAsync();

        await foreach (var _ in PipeFraming.ReadDelimitedAsync(pipe.Reader))
        {
        }

        Assert.Throws<InvalidOperationException>(() => pipe.Reader.TryRead(out _)); // completed: no more reads
    }

    [Fact]
    public async Task Pipelines_LengthPrefixed_TheEdges()
    {
        // A frame that is only its 4-byte prefix (an empty message), and one of exactly the limit.
        Assert.Empty(Assert.Single(await ReadPipe([0, 0, 0, 0], 4, r => PipeFraming.ReadLengthPrefixedAsync(r))));
        Assert.Single(await ReadPipe(new LengthPrefixFramer().Encode(Message(10)), 14, r => PipeFraming.ReadLengthPrefixedAsync(r, maxFrameBytes: 10)));

        var ex = await Assert.ThrowsAsync<FramingException>(() => ReadPipe([0, 0, 0, 11, .. Message(11)], 15, r => PipeFraming.ReadLengthPrefixedAsync(r, maxFrameBytes: 10)));
        Assert.Equal("A prefix announcing a message of 11 bytes is over the 10-byte limit on a frame.", ex.Message);
    }

    [Fact]
    public async Task Pipelines_Delimited_TheEdges()
    {
        // Exactly the limit is a frame; exactly the limit with no delimiter yet may still become one
        // (here the stream ends instead: a cut frame, not one over the limit).
        Assert.Single(await ReadPipe([.. Message(10), (byte)'\n'], 11, r => PipeFraming.ReadDelimitedAsync(r, maxFrameBytes: 10)));
        var cut = await Assert.ThrowsAsync<EndOfStreamException>(() => ReadPipe(Message(10), 10, r => PipeFraming.ReadDelimitedAsync(r, maxFrameBytes: 10)));
        Assert.Equal("The stream ended with 10 bytes of a frame that never finished.", cut.Message);

        var waiting = await Assert.ThrowsAsync<FramingException>(() => ReadPipe(Message(11), 11, r => PipeFraming.ReadDelimitedAsync(r, maxFrameBytes: 10)));
        Assert.Equal("No delimiter in the first 10 bytes of a message: over the limit on a frame.", waiting.Message);
        var whole = await Assert.ThrowsAsync<FramingException>(() => ReadPipe([.. Message(15), (byte)'\n'], 16, r => PipeFraming.ReadDelimitedAsync(r, maxFrameBytes: 10)));
        Assert.Equal("A message of 15 bytes is over the 10-byte limit on a frame.", whole.Message);
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
