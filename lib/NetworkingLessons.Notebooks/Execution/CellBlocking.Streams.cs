namespace NetworkingLessons.Notebooks.Execution;

public static partial class CellBlocking
{
    // Reads and writes on a stream (a NetworkStream, a pipe): a stop disposes the stream, which
    // for a NetworkStream that owns its socket closes the connection.

    /// <summary>Stands in for <see cref="Stream.Read(byte[], int, int)"/>.</summary>
    public static int Read(Stream stream, byte[] buffer, int offset, int count) =>
        OnConnection(stream, "Stream.Read", () => stream.Read(buffer, offset, count));

    /// <summary>Stands in for <see cref="Stream.Read(Span{byte})"/>.</summary>
    public static int Read(Stream stream, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var guarded = GuardedCall.Start(NameOf(stream, "Read"), stream.Dispose, ClosedToStop);
        try
        {
            return stream.Read(buffer);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>Stands in for <see cref="Stream.ReadByte"/>.</summary>
    public static int ReadByte(Stream stream) =>
        OnConnection(stream, NameOf(stream, "ReadByte"), stream.ReadByte);

    /// <summary>Stands in for <see cref="Stream.ReadExactly(byte[], int, int)"/>.</summary>
    public static void ReadExactly(Stream stream, byte[] buffer, int offset, int count) =>
        OnConnection(stream, NameOf(stream, "ReadExactly"), () =>
        {
            stream.ReadExactly(buffer, offset, count);
            return true;
        });

    /// <summary>Stands in for <see cref="Stream.ReadExactly(Span{byte})"/>.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var guarded = GuardedCall.Start(NameOf(stream, "ReadExactly"), stream.Dispose, ClosedToStop);
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    /// <summary>Stands in for <see cref="Stream.Write(byte[], int, int)"/>.</summary>
    public static void Write(Stream stream, byte[] buffer, int offset, int count) =>
        OnConnection(stream, NameOf(stream, "Write"), () =>
        {
            stream.Write(buffer, offset, count);
            return true;
        });

    /// <summary>Stands in for <see cref="Stream.Write(ReadOnlySpan{byte})"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var guarded = GuardedCall.Start(NameOf(stream, "Write"), stream.Dispose, ClosedToStop);
        try
        {
            stream.Write(buffer);
        }
        catch (Exception ex) when (guarded.IsStopped && ex is not CellStoppedException)
        {
            throw guarded.Stopped(ex);
        }
    }

    // Text readers: a StreamReader is stopped by disposing it (and so its stream). The console's
    // reader stops by itself; other readers get the plain call.

    /// <summary>Stands in for <see cref="TextReader.ReadLine"/>.</summary>
    public static string? ReadLine(TextReader reader) =>
        reader is StreamReader ? OnConnection(reader, NameOf(reader, "ReadLine"), reader.ReadLine) : reader.ReadLine();

    /// <summary>Stands in for <see cref="TextReader.ReadToEnd"/>.</summary>
    public static string ReadToEnd(TextReader reader) =>
        reader is StreamReader ? OnConnection(reader, NameOf(reader, "ReadToEnd"), reader.ReadToEnd) : reader.ReadToEnd();

    /// <summary>Stands in for <see cref="TextReader.Read()"/>.</summary>
    public static int Read(TextReader reader) =>
        reader is StreamReader ? OnConnection(reader, NameOf(reader, "Read"), reader.Read) : reader.Read();

    private static string NameOf(object receiver, string method) => $"{receiver.GetType().Name}.{method}";
}
