using System.Collections.Concurrent;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// This process's own standard input, read a line at a time by one background thread, so that a
/// cell waiting in <c>Console.ReadLine()</c> can be stopped while the read itself goes on.
/// </summary>
internal static class StandardInput
{
    private static readonly Lazy<BlockingCollection<string?>> Lines = new(Start);

    /// <summary>The original reader, before the engine put its own in <see cref="Console.In"/>.</summary>
    public static TextReader Original { get; set; } = TextReader.Null;

    /// <summary>The next line, or null at the end of input.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public static string? ReadLine(string prompt, CancellationToken cancellationToken)
    {
        var line = Lines.Value.Take(cancellationToken);
        if (line is null)
        {
            Lines.Value.Add(null); // the end stays the end for the next reader
        }
        return line;
    }

    private static BlockingCollection<string?> Start()
    {
        var lines = new BlockingCollection<string?>();
        var reader = new Thread(() =>
        {
            string? line;
            do
            {
                try
                {
                    line = Original.ReadLine();
                }
                catch (IOException)
                {
                    line = null;
                }
                lines.Add(line);
            }
            while (line is not null);
        })
        {
            IsBackground = true,
            Name = "NetworkingLessons standard input",
        };
        reader.Start();
        return lines;
    }
}
