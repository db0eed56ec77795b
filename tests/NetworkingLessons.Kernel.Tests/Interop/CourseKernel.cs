using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Kernel.Tests.Interop;

/// <summary>The course's kernel as Jupyter front ends find it: a kernelspec installed by <c>lessons kernel install</c> into a folder of the test's own.</summary>
internal sealed class CourseKernel : IDisposable
{
    private readonly TempFolder _folder = new("kernelspec");

    /// <summary>The kernelspec's name.</summary>
    public const string Name = "networking-lessons-csharp";

    /// <summary>The lessons command of the configuration these tests were built in.</summary>
    public static string LessonsDll { get; } = Path.Combine(CourseFiles.Root, "lib", "NetworkingLessons.Cli", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
        "net10.0", "lessons.dll");

    private CourseKernel()
    {
    }

    /// <summary>Where Jupyter looks for the kernelspec (JUPYTER_PATH).</summary>
    public string JupyterPath => _folder["share/jupyter"];

    /// <summary>Installs the kernelspec with the lessons command itself.</summary>
    public static async Task<CourseKernel> InstallAsync()
    {
        var kernel = new CourseKernel();
        var (code, stdout, stderr) = await Peers.RunAsync("dotnet", [LessonsDll, "kernel", "install", "--prefix", kernel._folder.Path], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, stdout + stderr);
        Assert.True(File.Exists(Path.Combine(kernel.JupyterPath, "kernels", Name, "kernel.json")), stdout);
        return kernel;
    }

    /// <summary>Runs one of the Python scripts beside these tests with the kernelspec visible, offline.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> PythonAsync(string script, TimeSpan timeout, params string[] arguments) =>
        Peers.RunAsync(Peers.PythonWithJupyter(), ["-u", Path.Combine(AppContext.BaseDirectory, "Interop", script), .. arguments], timeout, AppContext.BaseDirectory,
            new() { ["JUPYTER_PATH"] = JupyterPath, ["NETWORKING_LESSONS_OFFLINE"] = "1", ["PYTHONWARNINGS"] = "ignore" });

    public void Dispose() => _folder.Dispose();
}
