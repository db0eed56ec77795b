namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// The files of one lesson in a grading worker's folder, and how the grader reads those the worker
/// wrote (its cell reports, its probes): as a hostile process's files, their size checked before a
/// byte of them is read, read as lines of text.
/// </summary>
internal static class WorkerFile
{
    /// <summary>The notebook to run (the student's answers, the source's checks); the worker deletes it before running any cell.</summary>
    public const string Input = "input.ipynb";

    /// <summary>A <see cref="CellReport"/> line per cell run; the worker creates it when it starts the lesson.</summary>
    public const string Report = "report.jsonl";

    /// <summary>The executed copy, saved when the lesson's run ended.</summary>
    public const string Executed = "executed.ipynb";

    /// <summary>What each check's call returned or threw (CheckProbes).</summary>
    public const string Probes = "probes.jsonl";

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
