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

    /// <summary>The helper library as the notebooks load it (<c>#r "../lib/NetworkingLessons/bin/notebooks/NetworkingLessons.dll"</c>), copied there by every build of it.</summary>
    public string NotebookLibrary => Path.Combine(Root, "lib", "NetworkingLessons", "bin", "notebooks", "NetworkingLessons.dll");

    /// <summary>The npm packages the course's web pages use (web/package.json), once installed.</summary>
    public string WebModules => Path.Combine(Root, "web", "node_modules");

    /// <summary>
    /// The student lesson that <paramref name="name"/> stands for: by number ("05" or "5"), by its
    /// name after the number ("sockets"), or by a part of that name found in one lesson only.
    /// </summary>
    /// <exception cref="FileNotFoundException">The part of a name fits several lessons; the message lists them.</exception>
    public string? FindLesson(string name)
    {
        if (!Directory.Exists(Notebooks) || name.Length == 0 || name.Contains('/') || name.Contains('.'))
        {
            return null;
        }
        var lessons = Directory.EnumerateFiles(Notebooks, "*.ipynb").Order(StringComparer.Ordinal)
            .Select(p => (Path: p, Number: Path.GetFileName(p).Split('-', 2)[0], Topic: Path.GetFileNameWithoutExtension(p).Split('-', 2) is [_, var t] ? t : ""))
            .ToList();
        var byNumber = lessons.Where(l => int.TryParse(name, out var n) && int.TryParse(l.Number, out var m) && n == m).ToList();
        if (byNumber.Count == 1)
        {
            return byNumber[0].Path;
        }
        var exact = lessons.Where(l => string.Equals(l.Topic, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            return exact[0].Path;
        }
        var partial = lessons.Where(l => l.Topic.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        return partial.Count switch
        {
            1 => partial[0].Path,
            0 => null,
            _ => throw new FileNotFoundException($"{name}: fits {string.Join(", ", partial.Select(l => Path.GetFileName(l.Path)))}; say which.", name),
        };
    }

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
    /// .dib files in name order, and, inside the course, a lesson by its number or name ("05",
    /// "5", "sockets", "host-names"); with no paths, the student lessons in notebooks/.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names nothing, or a lesson name fits several lessons.</exception>
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
            else if (course?.FindLesson(path) is { } lesson)
            {
                result.Add(lesson);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such notebook or folder{(course is null ? "" : ", and no lesson of that number or name")}.", path);
            }
        }
        return result;
    }
}
