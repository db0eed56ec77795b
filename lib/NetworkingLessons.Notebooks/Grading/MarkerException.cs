namespace NetworkingLessons.Notebooks.Grading;

/// <summary>Exercise markers that are unbalanced, nested, misspelt or misplaced, with the file, cell and line.</summary>
public sealed class MarkerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MarkerException(string path, int cell, int line, string problem)
        : base($"{path}, cell {cell}, line {line}: {problem}")
    {
        Path = path;
        Cell = cell;
        Line = line;
    }

    /// <summary>The instructor source file.</summary>
    public string Path { get; }

    /// <summary>The 1-based cell number.</summary>
    public int Cell { get; }

    /// <summary>The 1-based line in the cell.</summary>
    public int Line { get; }
}
