namespace NetworkingLessons.Cli;

/// <summary>Where the course's files are: found by walking up from a folder to the one holding NetworkingLessons.sln.</summary>
internal sealed class CourseLayout
{
    public const string SolutionFile = "NetworkingLessons.sln";

    private CourseLayout(string root) => Root = root;

    public string Root { get; }

    public string Notebooks => Path.Combine(Root, "notebooks");

    public string Solutions => Path.Combine(Notebooks, "solutions");

    public string Executed => Path.Combine(Root, "artifacts", "executed");

    /// <summary>The npm packages the course's web pages use (web/package.json), once installed.</summary>
    public string WebModules => Path.Combine(Root, "web", "node_modules");

    /// <summary>The course around <paramref name="start"/>, or null when it is not inside one.</summary>
    public static CourseLayout? Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
            {
                return new CourseLayout(dir.FullName);
            }
        }
        return null;
    }

    /// <summary>
    /// The notebooks that <paramref name="paths"/> name: files as given, folders as their .ipynb and
    /// .dib files in name order; with no paths, the student lessons in notebooks/.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names nothing.</exception>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> paths, CourseLayout? course)
    {
        if (paths.Count == 0)
        {
            if (course is null)
            {
                throw new DirectoryNotFoundException($"Not inside the course (no {SolutionFile} above {Environment.CurrentDirectory}); name the notebooks to run.");
            }
            paths = [course.Notebooks];
        }
        var result = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Directory.EnumerateFiles(path)
                    .Where(NetworkingLessons.Notebooks.Documents.NotebookFile.IsNotebook)
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                result.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such notebook or folder.", path);
            }
        }
        return result;
    }
}
