using System.Text.Json.Nodes;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Kernel.Tests.Interop;

/// <summary>The kernel against Jupyter's own client side: libzmq underneath, Jupyter's schemas and timing on top.</summary>
[Collection(JupyterPeers.Collection)]
public class JupyterPeerTests
{
    [PeerFact(Peer.Jupyter)]
    public async Task JupyterKernelTest_EveryEnabledTest_Passes()
    {
        using var kernel = await CourseKernel.InstallAsync();
        var (code, stdout, stderr) = await kernel.PythonAsync("kernel_conformance.py", TimeSpan.FromMinutes(5), "-v");
        // unittest reports on stderr: one line per test, then "OK" or "FAILED".
        Assert.True(code == 0, stdout + stderr);
        foreach (var test in new[] { "test_execute_stdout", "test_execute_stderr", "test_completion", "test_is_complete", "test_error",
            "test_execute_result", "test_display_data", "test_history", "test_inspect", "test_clear_output", "test_kernel_info" })
        {
            Assert.Matches($@"{test} \(.*\) \.\.\. ok", stderr);
        }
    }

    [PeerFact(Peer.Jupyter)]
    public async Task StartNewKernel_SessionAsFrontEndsRunIt_BehavesAndLeavesNoProcess()
    {
        using var kernel = await CourseKernel.InstallAsync();
        var (code, stdout, stderr) = await kernel.PythonAsync("kernel_session.py", TimeSpan.FromMinutes(3));
        Assert.True(code == 0, stdout + stderr);
        var findings = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal("[\"42\"]", findings["state_kept"]!.ToJsonString());
        Assert.Equal(2, (int)findings["counts"]!);
        Assert.Equal("error", (string?)findings["interrupted_status"]);
        Assert.Equal("Cancelled", (string?)findings["interrupted_ename"]);
        Assert.Contains("AcceptTcpClient", (string?)findings["interrupted_evalue"], StringComparison.Ordinal);
        Assert.Equal("[\"80\"]", findings["after_interrupt"]!.ToJsonString()); // the next cell runs, with the state kept
        Assert.Equal("[\"TYPED HERE\"]", findings["stdin"]!.ToJsonString());
        Assert.Equal("[\"error\",\"aborted\"]", findings["error_then_queued"]!.ToJsonString());
        Assert.False((bool)findings["alive_after_shutdown"]!);
        Assert.False((bool)findings["process_left"]!);
    }

    [PeerFact(Peer.Jupyter)]
    public async Task JupyterConsole_PipedCells_PrintsResults()
    {
        using var kernel = await CourseKernel.InstallAsync();
        var python = Peers.PythonWithJupyter();
        var (code, stdout, stderr) = await Peers.RunAsync("sh", ["-c",
            $"printf 'var greeting = \"hello\";\\ngreeting + \", console\"\\nexit\\n' | {python} -m jupyter_console --simple-prompt --kernel {CourseKernel.Name} --ZMQTerminalInteractiveShell.kernel_timeout=60"],
            TimeSpan.FromMinutes(2), AppContext.BaseDirectory, new() { ["JUPYTER_PATH"] = kernel.JupyterPath, ["NETWORKING_LESSONS_OFFLINE"] = "1" });
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("hello, console", stdout, StringComparison.Ordinal);
        Assert.Contains("Out[2]", stdout, StringComparison.Ordinal);
    }
}

/// <summary>The Jupyter peer tests start kernels and measure; they take turns, so that one's timing is not another's load.</summary>
[CollectionDefinition(Collection)]
public sealed class JupyterPeers
{
    public const string Collection = "Jupyter peers";
}
