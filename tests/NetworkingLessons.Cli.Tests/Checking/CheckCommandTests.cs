using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Checking;

public sealed class CheckCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("check-command");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Check_CommittedLessons_Pass()
    {
        var (code, stdout, _) = await CourseFiles.LessonsAsync(CourseFiles.Root, "check");

        Assert.True(code == 0, stdout);
        Assert.Contains("0 problems", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NotebookWithOutputsAndBadName_ReportsEachProblem()
    {
        var cell = NotebookCell.Code("1");
        cell.Outputs.Add(new StreamOutput("stdout", "1\n"));
        cell.ExecutionCount = 1;
        var notebook = new Notebook([cell, new NotebookCell(CellKind.Code, "fsharp", "1")]);
        var path = Path.Combine(_temp.Path, "My Lesson.ipynb");
        NotebookFile.Save(notebook, path);

        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "check", path);

        Assert.Equal(1, code);
        Assert.Contains("My Lesson.ipynb: the file name should be NN-kebab-title.ipynb", stdout, StringComparison.Ordinal);
        Assert.Contains("cell 1 has outputs", stdout, StringComparison.Ordinal);
        Assert.Contains("cell 2 is a 'fsharp' cell", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MalformedNotebook_NamesFile()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "01-broken.ipynb"), "{ not json");

        var (code, stdout, _) = await CourseFiles.LessonsAsync(_temp.Path, "check", _temp.Path);

        Assert.Equal(1, code);
        Assert.Contains("01-broken.ipynb: not valid JSON", stdout, StringComparison.Ordinal);
    }
}
