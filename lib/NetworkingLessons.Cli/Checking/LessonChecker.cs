using System.Text.RegularExpressions;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Cli.Checking;

/// <summary>The rules a committed lesson keeps: it reads, carries Polyglot metadata, is named NN-kebab-title, and has no outputs.</summary>
internal static partial class LessonChecker
{
    /// <summary>Every problem with the notebook at <paramref name="path"/>, each naming the file; empty when it is fine.</summary>
    public static IReadOnlyList<string> Check(string path)
    {
        var name = Path.GetFileName(path);
        var problems = new List<string>();
        if (!LessonName().IsMatch(name))
        {
            problems.Add($"{name}: the file name should be NN-kebab-title.ipynb (two digits, lower-case words joined by hyphens, no spaces).");
        }
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (NotebookFormatException ex)
        {
            problems.Add(ex.Message);
            return problems;
        }
        if (Path.GetExtension(path) == ".ipynb")
        {
            var text = File.ReadAllText(path);
            if (!text.Contains("\"nbformat_minor\": 5", StringComparison.Ordinal) && notebook.FormatMinor < 5)
            {
                problems.Add($"{name}: nbformat 4.{notebook.FormatMinor}; lessons are nbformat 4.5 (cells need ids).");
            }
            var meta = notebook.Metadata;
            if (meta["kernelspec"]?["name"]?.GetValue<string>() != ".net-csharp")
            {
                problems.Add($"{name}: metadata.kernelspec.name should be \".net-csharp\" so that VS Code opens it with the C# kernel.");
            }
            if (meta["language_info"]?["name"]?.GetValue<string>() != "polyglot-notebook")
            {
                problems.Add($"{name}: metadata.language_info.name should be \"polyglot-notebook\".");
            }
            var ids = notebook.Cells.Select(c => c.Id).ToList();
            if (ids.Any(id => id is null))
            {
                problems.Add($"{name}: every cell needs an id (nbformat 4.5).");
            }
            else if (ids.Distinct().Count() != ids.Count)
            {
                problems.Add($"{name}: cell ids are not unique.");
            }
        }
        if (notebook.DefaultKernelName != NotebookCell.CSharp)
        {
            problems.Add($"{name}: the default kernel is '{notebook.DefaultKernelName}'; lessons are C#.");
        }
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind == CellKind.Code && cell.KernelName != NotebookCell.CSharp)
            {
                problems.Add($"{name}: cell {i + 1} is a '{cell.KernelName}' cell; lessons run C# only.");
            }
            if (cell.Outputs.Count > 0 || cell.ExecutionCount is not null)
            {
                problems.Add($"{name}: cell {i + 1} has outputs; commit lessons with outputs cleared (executed copies are build output).");
            }
        }
        return problems;
    }

    [GeneratedRegex(@"^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.(ipynb|dib)$")]
    private static partial Regex LessonName();
}
