namespace NetworkingLessons.Framing;

// A stream read through a buffer, with an idle deadline on every read: what each framer, and the
// HTTP response reader, reads with. Without read-ahead it never takes from the stream more than the
// frame needs, so that the next frame is still in the stream for whoever reads next.
internal sealed class FrameReader(Stream stream, TimeSpan? idleTimeout, CancellationToken cancellationToken, bool readAhead = true)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;
    private bool _ended;
    private long _frameStart;

    // Bytes taken from the stream so far, for messages that say where something went wrong.
    public long Position { get; private set; }

    // Bytes of the current frame taken so far, for the message when it is cut short.
    public long Taken => Position - _frameStart;

    public void StartFrame() => _frameStart = Position;

    // True when the stream has ended and nothing is left in the buffer.
    public async Task<bool> AtEndAsync() => _start == _end && !await FillAsync(1);

    // A ValueTask, so that a byte already in the buffer costs no allocation.
    public async ValueTask<int> ReadByteAsync()
    {
        if (_start == _end && !await FillAsync(1))
        {
            return -1;
        }
        Position++;
        return _buffer[_start++];
    }

    // Fills `into` whole, or returns how many bytes came before the end.
    public async Task<int> ReadExactlyAsync(Memory<byte> into)
    {
        var got = 0;
        while (got < into.Length)
        {
            if (_start == _end && !await FillAsync(into.Length - got))
            {
                break;
            }
            var n = Math.Min(_end - _start, into.Length - got);
            _buffer.AsMemory(_start, n).CopyTo(into[got..]);
            _start += n;
            got += n;
            Position += n;
        }
        return got;
    }

    private async Task<bool> FillAsync(int wanted)
    {
        if (_ended)
        {
            return false;
        }
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (idleTimeout is { } limit)
        {
            idle.CancelAfter(limit);
        }
        try
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer.AsMemory(0, readAhead ? _buffer.Length : Math.Min(wanted, _buffer.Length)), idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No byte arrived for {idleTimeout!.Value.TotalSeconds:0.###} s ({Taken:N0} bytes of this frame had come).");
        }
        _ended = _end == 0;
        return !_ended;
    }
}
