using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;
using Spectre.Console;

namespace NetworkingLessons.Cli.Assigning;

/// <summary>
/// <c>lessons assign</c>: writes the student copy of each instructor source; with <c>--check</c>,
/// only verifies that the committed copies are what it would write.
/// </summary>
internal sealed class AssignCommand(IAnsiConsole console)
{
    /// <summary>What <c>lessons assign</c> was asked to do.</summary>
    public sealed record Settings(IReadOnlyList<string> Sources, string? OutputDirectory, bool CheckOnly);

    public Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken) =>
        Task.FromResult(Execute(settings.Sources, settings.OutputDirectory, settings.CheckOnly));

    private int Execute(IReadOnlyList<string> paths, string? outputDirectory, bool checkOnly)
    {
        var course = CourseLayout.Find(Environment.CurrentDirectory);
        IReadOnlyList<string> sources;
        try
        {
            sources = paths.Count > 0
                ? CourseLayout.Expand(paths, course)
                : CourseLayout.Expand([course?.Solutions ?? throw new DirectoryNotFoundException($"Not inside the course (no {CourseLayout.SolutionFile} above {Environment.CurrentDirectory}); name the sources.")], course);
        }
        catch (IOException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 1;
        }
        var output = outputDirectory ?? course?.Notebooks ?? Environment.CurrentDirectory;
        var plan = Plan(sources, output);
        if (plan is null)
        {
            return 1;
        }
        var problems = 0;
        foreach (var (sourcePath, studentPath, text) in plan)
        {
            var shown = Path.GetRelativePath(Environment.CurrentDirectory, studentPath);
            if (!checkOnly)
            {
                Directory.CreateDirectory(output);
                File.WriteAllText(studentPath, text);
                console.MarkupLineInterpolated($"[green]✓[/] {shown} from {Path.GetFileName(sourcePath)}");
                continue;
            }
            var committed = File.Exists(studentPath) ? File.ReadAllText(studentPath) : null;
            if (committed == text)
            {
                console.MarkupLineInterpolated($"[green]✓[/] {shown} is up to date");
                continue;
            }
            problems++;
            console.MarkupLineInterpolated($"[red]✗[/] {shown}: {(committed is null ? "missing" : Difference(committed, text))}; run 'lessons assign' and commit the result.");
        }
        if (checkOnly && paths.Count == 0 && Directory.Exists(output))
        {
            var expected = plan.Select(p => Path.GetFullPath(p.StudentPath)).ToHashSet();
            foreach (var stray in Directory.EnumerateFiles(output, "*.ipynb").Where(f => !expected.Contains(Path.GetFullPath(f))))
            {
                problems++;
                console.MarkupLineInterpolated($"[red]✗[/] {Path.GetFileName(stray)} has no instructor source in {Path.GetFileName(Path.GetDirectoryName(sources[0]))}/.");
            }
        }
        if (checkOnly)
        {
            console.MarkupLineInterpolated($"{plan.Count} student copies checked, {problems} out of date.");
        }
        return problems == 0 ? 0 : 1;
    }

    private List<(string SourcePath, string StudentPath, string Text)>? Plan(IReadOnlyList<string> sources, string output)
    {
        var notebooks = new List<(string Path, Notebook Notebook, LessonLink Link)>();
        foreach (var path in sources)
        {
            try
            {
                var notebook = NotebookFile.Load(path);
                var fileName = Path.GetFileNameWithoutExtension(path) + ".ipynb";
                notebooks.Add((path, notebook, new LessonLink(fileName, StudentCopy.TitleOf(notebook, path))));
            }
            catch (NotebookFormatException ex)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return null;
            }
        }
        var index = Path.GetRelativePath(output, Path.Combine(CourseLayout.Find(output)?.Root ?? output, "README.md")).Replace('\\', '/') + "#lessons";
        var plan = new List<(string, string, string)>();
        for (var i = 0; i < notebooks.Count; i++)
        {
            var (path, notebook, link) = notebooks[i];
            var studentPath = Path.Combine(output, link.FileName);
            try
            {
                var copy = StudentCopy.Create(notebook, path, studentPath,
                    i > 0 ? notebooks[i - 1].Link : null,
                    i < notebooks.Count - 1 ? notebooks[i + 1].Link : null,
                    index);
                plan.Add((path, studentPath, IpynbFormat.Write(copy)));
            }
            catch (MarkerException ex)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return null;
            }
        }
        return plan;
    }

    private static string Difference(string committed, string expected)
    {
        var a = committed.Split('\n');
        var b = expected.Split('\n');
        var line = 0;
        while (line < a.Length && line < b.Length && a[line] == b[line])
        {
            line++;
        }
        return $"differs from what assign writes, from line {line + 1} ({a.Length} lines committed, {b.Length} expected)";
    }
}
