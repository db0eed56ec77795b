namespace NetworkingLessons.Framing;

// A stream read through a buffer, with an idle deadline on every read: what each framer reads with.
// Without read-ahead it never takes from the stream more than the frame needs, so that the next
// frame is still in the stream for whoever reads next.
internal sealed class FrameReader(Stream stream, TimeSpan? idleTimeout, CancellationToken cancellationToken, bool readAhead = true)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;
    private bool _ended;

    // Bytes of the current frame taken so far, for the message when it is cut short.
    public long Taken { get; private set; }

    public void StartFrame() => Taken = 0;

    // True when the stream has ended and nothing is left in the buffer.
    public async Task<bool> AtEndAsync() => _start == _end && !await FillAsync(1);

    public async Task<int> ReadByteAsync()
    {
        if (_start == _end && !await FillAsync(1))
        {
            return -1;
        }
        Taken++;
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
            Taken += n;
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
