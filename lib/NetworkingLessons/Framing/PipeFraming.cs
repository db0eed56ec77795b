using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace NetworkingLessons.Framing;

/// <summary>
/// The length-prefix and delimiter framings over System.IO.Pipelines: the reader is handed
/// whatever has arrived as a sequence of buffers, takes every whole frame out of it, and tells
/// the pipe how much it used and how much it looked at, so the pipe keeps the partial frame and
/// wakes the reader only when more arrives. No copying until a frame is whole.
/// </summary>
public static class PipeFraming
{
    /// <summary>Every frame of the 4-byte big-endian length-prefix framing (<see cref="LengthPrefixFramer"/>'s) until the pipe completes.</summary>
    /// <exception cref="FramingException">A prefix over <paramref name="maxFrameBytes"/>.</exception>
    /// <exception cref="EndOfStreamException">The pipe completed in the middle of a frame.</exception>
    public static IAsyncEnumerable<byte[]> ReadLengthPrefixedAsync(PipeReader reader, int maxFrameBytes = Framer.DefaultMaxFrameBytes, CancellationToken cancellationToken = default) =>
        ReadAsync(reader, (ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame) => TryLengthPrefixed(ref buffer, maxFrameBytes, out frame), cancellationToken);

    /// <summary>Every frame ended by <paramref name="delimiter"/> (<see cref="DelimiterFramer"/>'s framing) until the pipe completes.</summary>
    /// <exception cref="FramingException">No delimiter within <paramref name="maxFrameBytes"/>.</exception>
    /// <exception cref="EndOfStreamException">The pipe completed in the middle of a frame.</exception>
    public static IAsyncEnumerable<byte[]> ReadDelimitedAsync(PipeReader reader, byte delimiter = (byte)'\n', int maxFrameBytes = Framer.DefaultMaxFrameBytes, CancellationToken cancellationToken = default) =>
        ReadAsync(reader, (ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame) => TryDelimited(ref buffer, delimiter, maxFrameBytes, out frame), cancellationToken);

    private delegate bool TryFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame);

    private static async IAsyncEnumerable<byte[]> ReadAsync(PipeReader reader, TryFrame tryFrame, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var frames = new List<byte[]>();
            while (tryFrame(ref buffer, out var frame))
            {
                frames.Add(frame.ToArray());
            }
            var left = buffer.Length;
            // Used up to the first byte of the partial frame; looked at everything.
            reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var frame in frames)
            {
                yield return frame;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                await reader.CompleteAsync();
                if (left > 0)
                {
                    throw new EndOfStreamException($"The stream ended with {left:N0} bytes of a frame that never finished.");
                }
                yield break;
            }
        }
    }

    private static bool TryLengthPrefixed(ref ReadOnlySequence<byte> buffer, int max, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < LengthPrefixFramer.PrefixBytes)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[LengthPrefixFramer.PrefixBytes];
        buffer.Slice(0, LengthPrefixFramer.PrefixBytes).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length > max)
        {
            throw new FramingException($"A prefix announcing a message of {length:N0} bytes is over the {max:N0}-byte limit on a frame.");
        }
        if (buffer.Length < LengthPrefixFramer.PrefixBytes + length)
        {
            return false;
        }
        frame = buffer.Slice(LengthPrefixFramer.PrefixBytes, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    private static bool TryDelimited(ref ReadOnlySequence<byte> buffer, byte delimiter, int max, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.PositionOf(delimiter) is not { } end)
        {
            if (buffer.Length > max)
            {
                throw new FramingException($"No delimiter in the first {max:N0} bytes of a message: over the limit on a frame.");
            }
            return false;
        }
        frame = buffer.Slice(0, end);
        if (frame.Length > max)
        {
            throw new FramingException($"A message of {frame.Length:N0} bytes is over the {max:N0}-byte limit on a frame.");
        }
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }
}
