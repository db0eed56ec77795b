using System.Text.Json.Nodes;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Kernel.Tests.Interop;

/// <summary><c>lessons kernel</c> and <c>lessons kernel install</c> as a front end and a user meet them.</summary>
public class KernelCommandTests
{
    private static Task<(int ExitCode, string Stdout, string Stderr)> LessonsAsync(params string[] arguments) =>
        Peers.RunAsync("dotnet", [CourseKernel.LessonsDll, .. arguments], TimeSpan.FromMinutes(1), environment: new() { ["NO_COLOR"] = "1" });

    [Fact]
    public async Task Kernel_MissingConnectionFile_OneLineNamingIt_Exit1()
    {
        var (code, _, stderr) = await LessonsAsync("kernel", "/no/such/connection.json");
        Assert.Equal(1, code);
        Assert.StartsWith("lessons kernel: /no/such/connection.json: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Kernel_BadField_OneLineNamingFieldAndValue_Exit1()
    {
        using var folder = new TempFolder("bad-connection");
        await File.WriteAllTextAsync(folder["c.json"], """{"shell_port": 99999, "iopub_port": 1, "stdin_port": 2, "control_port": 3, "hb_port": 4, "key": ""}""");
        var (code, _, stderr) = await LessonsAsync("kernel", folder["c.json"]);
        Assert.Equal(1, code);
        Assert.Contains("\"shell_port\" is 99999; expected a port number from 0 to 65535", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_TwoPlaces_UsageError()
    {
        var (code, _, stderr) = await LessonsAsync("kernel", "install", "--user", "--prefix", "/tmp/x");
        Assert.Equal(2, code);
        Assert.Contains("give one of --user, --sys-prefix and --prefix", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_Prefix_WritesKernelJsonThatStartsThisCommand()
    {
        using var folder = new TempFolder("kernelspec");
        var (code, stdout, stderr) = await LessonsAsync("kernel", "install", "--prefix", folder.Path);
        Assert.True(code == 0, stdout + stderr);
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(folder["share/jupyter/kernels/networking-lessons-csharp/kernel.json"]))!;
        var argv = spec["argv"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Equal([CourseKernel.LessonsDll, "kernel", "{connection_file}"], argv[1..]);
        Assert.Equal(("csharp", "message", "C# (NetworkingLessons)"), ((string?)spec["language"], (string?)spec["interrupt_mode"], (string?)spec["display_name"]));
    }

    [Fact]
    public async Task Install_User_HonoursJupyterDataDir()
    {
        using var folder = new TempFolder("jupyter-data");
        var (code, stdout, stderr) = await Peers.RunAsync("dotnet", [CourseKernel.LessonsDll, "kernel", "install"], TimeSpan.FromMinutes(1),
            environment: new() { ["JUPYTER_DATA_DIR"] = folder.Path });
        Assert.True(code == 0, stdout + stderr);
        Assert.True(File.Exists(folder["kernels/networking-lessons-csharp/kernel.json"]), stdout);
    }
}
