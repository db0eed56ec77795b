using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Kernel.Tests.Interop;

/// <summary>
/// Every lesson, as students get it, run by Jupyter's own tools through the course's kernel:
/// nbclient (what VS Code's and JupyterLab's "Run All" amount to) and <c>jupyter nbconvert --execute</c>,
/// each compared with what <c>lessons run</c> makes of the same notebook, offline.
/// </summary>
[Collection(JupyterPeers.Collection)]
public class LessonsThroughKernelTests(LessonsThroughKernelTests.LessonsRun run) : IClassFixture<LessonsThroughKernelTests.LessonsRun>
{
    /// <summary>The kernelspec, installed once, and every lesson run once by <c>lessons run</c>, as the reference.</summary>
    public sealed class LessonsRun : IAsyncLifetime
    {
        private readonly TempFolder _work = new("through-kernel");

        internal CourseKernel Kernel { get; private set; } = null!;

        public string Executed => _work["lessons-run"];

        public string Work => _work.Path;

        public async Task InitializeAsync()
        {
            if (PeerFactAttributeSkip())
            {
                return;
            }
            Kernel = await CourseKernel.InstallAsync();
            var (code, stdout, stderr) = await Peers.RunAsync("dotnet", [CourseKernel.LessonsDll, "run", "--offline", "--out", Executed],
                TimeSpan.FromMinutes(10), CourseFiles.Root, new() { ["NO_COLOR"] = "1" });
            Assert.True(code == 0, stdout + stderr);
        }

        private static bool PeerFactAttributeSkip() => new PeerTheoryAttribute(Peer.Jupyter).Skip is not null;

        public Task DisposeAsync()
        {
            Kernel?.Dispose();
            _work.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string> Lessons() =>
        [.. Directory.GetFiles(CourseFiles.Notebooks, "*.ipynb").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal)];

    [PeerTheory(Peer.Jupyter)]
    [MemberData(nameof(Lessons))]
    public async Task Lesson_ThroughNbclientAndNbconvert_SameOutputsAsLessonsRun(string lesson)
    {
        var notebook = Path.Combine(CourseFiles.Notebooks, lesson + ".ipynb");
        var reference = Path.Combine(run.Executed, lesson + ".ipynb");
        Assert.True(File.Exists(reference), $"lessons run wrote no {reference}");
        var tools = new[] { "nbclient", "nbconvert" };
        var results = await Task.WhenAll(tools.Select(tool =>
            run.Kernel.PythonAsync("lesson_through_kernel.py", TimeSpan.FromMinutes(6), tool, notebook, reference, Path.Combine(run.Work, tool))));
        for (var i = 0; i < tools.Length; i++)
        {
            Assert.True(results[i].ExitCode == 0, $"{tools[i]}: {results[i].Stdout}{results[i].Stderr}");
            Assert.True(results[i].Stdout.Trim() == "same", $"{tools[i]}, {lesson}: outputs differ from lessons run's:\n{results[i].Stdout}");
        }
    }
}
