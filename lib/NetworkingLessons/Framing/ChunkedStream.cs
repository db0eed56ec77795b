namespace NetworkingLessons.Framing;

/// <summary>
/// A read-only stream over bytes that hands out at most a few at each read, as a network may: a
/// fixed number, or a seeded random number from 1 to a maximum. For showing and testing that a
/// reader does not assume one read is one message.
/// </summary>
public sealed class ChunkedStream : Stream
{
    private readonly byte[] _data;
    private readonly Func<int> _nextChunk;
    private int _position;

    private ChunkedStream(byte[] data, Func<int> nextChunk)
    {
        _data = data;
        _nextChunk = nextChunk;
    }

    /// <summary>Reads of at most <paramref name="chunk"/> bytes each.</summary>
    public static ChunkedStream Fixed(byte[] data, int chunk)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        return new(data, () => chunk);
    }

    /// <summary>Reads of 1 to <paramref name="maxChunk"/> bytes each, drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public static ChunkedStream Random(byte[] data, int maxChunk, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunk, 1);
        var random = new Random(seed);
        return new(data, () => random.Next(1, maxChunk + 1));
    }

    /// <summary>How many reads returned data so far.</summary>
    public int Reads { get; private set; }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(buffer.Length, _nextChunk()), _data.Length - _position);
        _data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        if (n > 0)
        {
            Reads++;
        }
        return n;
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
