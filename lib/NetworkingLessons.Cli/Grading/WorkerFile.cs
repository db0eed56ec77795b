namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// A file a grading worker wrote (its cell reports, its probes), read as a hostile process's file:
/// its size is checked before a byte of it is read, and it is read as lines of text.
/// </summary>
internal static class WorkerFile
{
    /// <summary>The file's lines: none when the worker wrote no file, null when it is over <paramref name="maxBytes"/>.</summary>
    public static IReadOnlyList<string>? Lines(string path, long maxBytes)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        return new FileInfo(path).Length > maxBytes ? null : File.ReadAllLines(path);
    }
}
