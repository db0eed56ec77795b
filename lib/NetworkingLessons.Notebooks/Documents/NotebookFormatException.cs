namespace NetworkingLessons.Notebooks.Documents;

/// <summary>A notebook file that cannot be read: bad JSON, a missing or mistyped field, an unknown format.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public NotebookFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The notebook file (or a name standing for it, such as <c>&lt;string&gt;</c>).</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
