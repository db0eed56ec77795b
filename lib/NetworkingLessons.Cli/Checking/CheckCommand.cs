using Spectre.Console;

namespace NetworkingLessons.Cli.Checking;

/// <summary><c>lessons check</c>: validates notebooks without running them; exits 1 naming each problem.</summary>
internal sealed class CheckCommand(IAnsiConsole console)
{
    /// <summary>What <c>lessons check</c> was asked to check.</summary>
    public sealed record Settings(IReadOnlyList<string> Paths);

    public Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken) => Task.FromResult(Execute(settings.Paths));

    private int Execute(IReadOnlyList<string> paths)
    {
        IReadOnlyList<string> notebooks;
        try
        {
            notebooks = CourseLayout.Expand(paths, CourseLayout.Find(Environment.CurrentDirectory));
        }
        catch (IOException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 1;
        }
        var problems = 0;
        foreach (var path in notebooks)
        {
            var found = LessonChecker.Check(path);
            problems += found.Count;
            if (found.Count == 0)
            {
                console.MarkupLineInterpolated($"[green]✓[/] {Path.GetFileName(path)}");
            }
            foreach (var problem in found)
            {
                console.MarkupLineInterpolated($"[red]✗[/] {problem}");
            }
        }
        console.MarkupLineInterpolated($"{notebooks.Count} notebooks checked, {problems} problems.");
        return problems == 0 ? 0 : 1;
    }
}
