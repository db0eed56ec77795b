using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Cli.Tests.Grading;

/// <summary>A one-lesson course with two exercises, and students who hand it in in every way students do.</summary>
internal sealed class SyntheticClass : IDisposable
{
    public const string Lesson = "02-sample";

    public SyntheticClass()
    {
        Root = Directory.CreateTempSubdirectory("synthetic-class-").FullName;
        Directory.CreateDirectory(Sources);
        Directory.CreateDirectory(Submissions);
        var library = Path.Combine(CourseFiles.Root, "lib", "NetworkingLessons", "bin", "Debug", "net10.0", "NetworkingLessons.dll");
        File.WriteAllText(SourcePath, $$"""
            #!markdown

            # Sample lesson

            #!csharp

            #r "{{library}}"
            using NetworkingLessons.Exercises;
            using System.Net;

            #!markdown

            ## Exercises

            ### Exercise 1: Double (1 point)

            #!csharp

            int Double(int x)
            {
                // BEGIN SOLUTION
                return 2 * x;
                // END SOLUTION
            }

            #!csharp

            Check.Exercise(1)
                .Returns(() => Double(2), 4)
            // BEGIN HIDDEN TESTS
                .Returns(() => Double(-3), -6)
            // END HIDDEN TESTS
                ;

            #!markdown

            ### Exercise 2: Loopback (2 points)

            #!csharp

            string LoopbackText()
            {
                // BEGIN SOLUTION
                return IPAddress.Loopback.ToString();
                // END SOLUTION
            }

            #!csharp

            Check.Exercise(2).Returns(() => LoopbackText(), "127.0.0.1");

            #!markdown

            ## Summary

            #!csharp

            Check.Summary()

            """);
        Source = NotebookFile.Load(SourcePath);
        StudentCopy = Notebooks.Grading.StudentCopy.Create(Source, SourcePath, Path.Combine(Root, Lesson + ".ipynb"), null, null, "README.md");
    }

    public string Root { get; }

    public string Sources => Path.Combine(Root, "solutions");

    public string Submissions => Path.Combine(Root, "submissions");

    public string SourcePath => Path.Combine(Sources, Lesson + ".dib");

    public Notebook Source { get; }

    public Notebook StudentCopy { get; }

    /// <summary>The student copy with its answer cells (1-based exercise numbers) replaced.</summary>
    public Notebook Answer(params (int Exercise, string Code)[] answers)
    {
        var notebook = StudentCopy.Clone();
        var exercises = ExerciseMap.Find(Source);
        foreach (var (number, code) in answers)
        {
            var id = Notebooks.Grading.StudentCopy.CellId(Source, exercises.Single(e => e.Number == number).AnswerCells[0]);
            notebook.Cells.Single(c => c.Id == id).Source = code;
        }
        return notebook;
    }

    public static string Double(string body) => $"int Double(int x)\n{{\n    {body}\n}}";

    public static string Loopback(string body) => $"string LoopbackText()\n{{\n    {body}\n}}";

    public Notebook Perfect() => Answer((1, Double("return 2 * x;")), (2, Loopback("return IPAddress.Loopback.ToString();")));

    /// <summary>Adds a lesson named <paramref name="name"/> to the course: a copy of this one's source.</summary>
    public void AddLesson(string name) => File.Copy(SourcePath, Path.Combine(Sources, name + ".dib"));

    public void Submit(string student, Notebook notebook, string lesson = Lesson) => Submit(student, IpynbFormat.Write(notebook), lesson);

    public void Submit(string student, string text, string lesson = Lesson)
    {
        var folder = Path.Combine(Submissions, student);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, lesson + ".ipynb"), text);
    }

    /// <summary>Removes the cells whose ids the source gives to cells at these 0-based source indexes.</summary>
    public Notebook Without(Notebook notebook, params int[] sourceIndexes)
    {
        var copy = notebook.Clone();
        var ids = sourceIndexes.Select(i => Notebooks.Grading.StudentCopy.CellId(Source, i)).ToHashSet();
        copy.Cells.RemoveAll(c => c.Id is not null && ids.Contains(c.Id));
        return copy;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
