namespace NetworkingLessons.Notebooks.Documents;

/// <summary>Loads and saves notebooks, choosing .ipynb or .dib by the file's extension.</summary>
public static class NotebookFile
{
    /// <summary>True for the extensions this engine reads: .ipynb and .dib.</summary>
    public static bool IsNotebook(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".ipynb" or ".dib";

    /// <summary>Reads a notebook.</summary>
    /// <exception cref="NotebookFormatException">The file is missing, has an unknown extension, or is malformed.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(path, $"cannot be read: {ex.Message}", ex);
        }
        return Parse(text, path);
    }

    /// <summary>Parses notebook text, using <paramref name="path"/>'s extension to choose the format.</summary>
    /// <exception cref="NotebookFormatException">Unknown extension, or malformed content.</exception>
    public static Notebook Parse(string text, string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ipynb" => IpynbFormat.Parse(text, path),
        ".dib" => DibFormat.Parse(text, path),
        var ext => throw new NotebookFormatException(path, $"'{ext}' is not a notebook extension (expected .ipynb or .dib)."),
    };

    /// <summary>Serializes a notebook in the format <paramref name="path"/>'s extension names.</summary>
    /// <exception cref="ArgumentException">The extension is neither .ipynb nor .dib.</exception>
    public static string Format(Notebook notebook, string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ipynb" => IpynbFormat.Write(notebook),
        ".dib" => DibFormat.Write(notebook),
        var ext => throw new ArgumentException($"'{ext}' is not a notebook extension (expected .ipynb or .dib).", nameof(path)),
    };

    /// <summary>Writes a notebook, creating the folder if needed.</summary>
    public static void Save(Notebook notebook, string path)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllText(path, Format(notebook, path));
    }
}
