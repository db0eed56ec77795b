using System.Net;
using System.Text.Json.Nodes;
using NetworkingLessons.Kernel.Core;
using NetworkingLessons.Kernel.Messaging;

namespace NetworkingLessons.Kernel.Tests.Core;

public sealed class JupyterKernelTests : IAsyncLifetime
{
    private static readonly ConnectionInfo OnFreePorts = new("tcp", IPAddress.Loopback, 0, 0, 0, 0, 0, "a-key", ConnectionInfo.HmacSha256);

    private readonly ScriptedInterpreter _interpreter = new();
    private readonly List<string> _log = [];
    private JupyterKernel _kernel = null!;
    private JupyterTestClient _client = null!;

    public async Task InitializeAsync()
    {
        _kernel = JupyterKernel.Start(OnFreePorts, _interpreter, log: l => { lock (_log) { _log.Add(l); } });
        _client = await JupyterTestClient.ConnectAsync(_kernel.Endpoints);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _kernel.DisposeAsync();
    }

    private async Task<(JupyterMessage Reply, List<JupyterMessage> Iopub)> ExecuteAsync(string code, JsonObject? extra = null)
    {
        var content = new JsonObject { ["code"] = code };
        foreach (var (key, value) in extra ?? [])
        {
            content[key] = value?.DeepClone();
        }
        var id = await _client.SendAsync(_client.Shell, "execute_request", content);
        var reply = await _client.ReplyAsync(_client.Shell);
        return (reply, await _client.IopubUntilIdleAsync(id));
    }

    [Fact]
    public async Task Execute_BusyInputOutputResultIdle_CountFromOne()
    {
        var (reply, iopub) = await ExecuteAsync("print hi");
        Assert.Equal(["status", "execute_input", "stream", "status"], iopub.Select(m => m.MessageType));
        Assert.Equal("busy", (string?)iopub[0].Content["execution_state"]);
        Assert.Equal("print hi", (string?)iopub[1].Content["code"]);
        Assert.Equal(1, (int)iopub[1].Content["execution_count"]!);
        Assert.Equal("hi", (string?)iopub[2].Content["text"]);
        Assert.Equal(("execute_reply", "ok", 1), (reply.MessageType, (string?)reply.Content["status"], (int)reply.Content["execution_count"]!));
        var (second, outputs) = await ExecuteAsync("7");
        Assert.Equal(2, (int)second.Content["execution_count"]!);
        Assert.Equal("7", (string?)outputs.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task Execute_Silent_NoOutputsNoCount()
    {
        var (reply, iopub) = await ExecuteAsync("print quiet", new JsonObject { ["silent"] = true });
        Assert.Equal(["status", "status"], iopub.Select(m => m.MessageType));
        Assert.Equal(0, (int)reply.Content["execution_count"]!);
        var (noHistory, _) = await ExecuteAsync("x", new JsonObject { ["store_history"] = false });
        Assert.Equal(0, (int)noHistory.Content["execution_count"]!);
        var (counted, _) = await ExecuteAsync("y");
        Assert.Equal(1, (int)counted.Content["execution_count"]!);
    }

    [Fact]
    public async Task Execute_Error_ReplyCarriesIt_QueuedAborted_UnlessStopOnErrorFalse()
    {
        var failing = await _client.SendAsync(_client.Shell, "execute_request", new JsonObject { ["code"] = "slowfail" });
        var queued = await _client.SendAsync(_client.Shell, "execute_request", new JsonObject { ["code"] = "print never" });
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (_kernel.QueuedShellRequests == 0)
            {
                await Task.Yield();
                deadline.Token.ThrowIfCancellationRequested();
            }
        }
        _interpreter.FailGate.SetResult();
        var first = await _client.ReplyAsync(_client.Shell);
        var second = await _client.ReplyAsync(_client.Shell);
        Assert.Equal((failing, "error", "Failure"), ((string?)first.ParentHeader["msg_id"], (string?)first.Content["status"], (string?)first.Content["ename"]));
        Assert.Equal((queued, "aborted"), ((string?)second.ParentHeader["msg_id"], (string?)second.Content["status"]));

        await _client.SendAsync(_client.Shell, "execute_request", new JsonObject { ["code"] = "fail", ["stop_on_error"] = false });
        await _client.SendAsync(_client.Shell, "execute_request", new JsonObject { ["code"] = "print runs" });
        await _client.ReplyAsync(_client.Shell);
        Assert.Equal("ok", (string?)(await _client.ReplyAsync(_client.Shell)).Content["status"]);
        var (after, _) = await ExecuteAsync("print fine");
        Assert.Equal("ok", (string?)after.Content["status"]);
    }

    [Fact]
    public async Task Interrupt_WhileCellRuns_ControlAndHeartbeatAnswer_CellStops()
    {
        var running = await _client.SendAsync(_client.Shell, "execute_request", new JsonObject { ["code"] = "block" });
        await _interpreter.Blocking.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("alive", await _client.PingAsync("alive"));
        await _client.SendAsync(_client.Control, "kernel_info_request", []);
        Assert.Equal("kernel_info_reply", (await _client.ReplyAsync(_client.Control, TimeSpan.FromSeconds(5))).MessageType);
        await _client.SendAsync(_client.Control, "interrupt_request", []);
        Assert.Equal("interrupt_reply", (await _client.ReplyAsync(_client.Control)).MessageType);
        var reply = await _client.ReplyAsync(_client.Shell);
        Assert.Equal((running, "error", "Cancelled"), ((string?)reply.ParentHeader["msg_id"], (string?)reply.Content["status"], (string?)reply.Content["ename"]));
    }

    [Fact]
    public async Task InputRequest_OnStdin_ReplyFeedsTheCell()
    {
        var id = await _client.SendAsync(_client.Shell, "execute_request", new JsonObject { ["code"] = "ask", ["allow_stdin"] = true });
        var request = await _client.ReplyAsync(_client.Stdin);
        Assert.Equal(("input_request", "name? "), (request.MessageType, (string?)request.Content["prompt"]));
        await _client.SendAsync(_client.Stdin, "input_reply", new JsonObject { ["value"] = "Ada" });
        await _client.ReplyAsync(_client.Shell);
        var outputs = await _client.IopubUntilIdleAsync(id);
        Assert.Equal("Ada", (string?)outputs.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
        var (_, refused) = await ExecuteAsync("ask", new JsonObject { ["allow_stdin"] = false });
        Assert.Equal("(none)", (string?)refused.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task KernelInfo_AndTheSmallRequests_Answered()
    {
        await _client.SendAsync(_client.Shell, "kernel_info_request", []);
        var info = await _client.ReplyAsync(_client.Shell);
        Assert.Equal(("ok", "5.3", "scripted"), ((string?)info.Content["status"], (string?)info.Content["protocol_version"], (string?)info.Content["language_info"]!["name"]));
        await _client.SendAsync(_client.Shell, "is_complete_request", new JsonObject { ["code"] = "if (x) {" });
        var complete = await _client.ReplyAsync(_client.Shell);
        Assert.Equal(("incomplete", "    "), ((string?)complete.Content["status"], (string?)complete.Content["indent"]));
        await _client.SendAsync(_client.Shell, "complete_request", new JsonObject { ["code"] = "al", ["cursor_pos"] = 99 });
        var completion = await _client.ReplyAsync(_client.Shell);
        Assert.Equal(2, (int)completion.Content["cursor_end"]!); // the cursor is clamped to the code
        await _client.SendAsync(_client.Shell, "inspect_request", new JsonObject { ["code"] = "" });
        Assert.False((bool)(await _client.ReplyAsync(_client.Shell)).Content["found"]!);
        await _client.SendAsync(_client.Shell, "comm_info_request", []);
        Assert.Empty((await _client.ReplyAsync(_client.Shell)).Content["comms"]!.AsObject());
    }

    [Fact]
    public async Task History_TailRangeSearch()
    {
        foreach (var code in new[] { "alpha", "beta", "alpha" })
        {
            await ExecuteAsync(code);
        }
        async Task<JsonArray> History(JsonObject request)
        {
            await _client.SendAsync(_client.Shell, "history_request", request);
            return (JsonArray)(await _client.ReplyAsync(_client.Shell)).Content["history"]!;
        }
        Assert.Equal("[[0,2,\"beta\"],[0,3,\"alpha\"]]", (await History(new() { ["hist_access_type"] = "tail", ["n"] = 2 })).ToJsonString());
        Assert.Equal("[[0,2,\"beta\"]]", (await History(new() { ["hist_access_type"] = "range", ["start"] = 2, ["stop"] = 3 })).ToJsonString());
        Assert.Equal(2, (await History(new() { ["hist_access_type"] = "search", ["pattern"] = "al*" })).Count);
        Assert.Single(await History(new() { ["hist_access_type"] = "search", ["pattern"] = "alp", ["unique"] = true }));
        Assert.Equal("[[0,3,[\"alpha\",\"alpha\"]]]", (await History(new() { ["hist_access_type"] = "tail", ["n"] = 1, ["output"] = true })).ToJsonString());
    }

    [Fact]
    public async Task BadSignature_DroppedAndLogged_KernelGoesOn()
    {
        var forged = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "print forged" }, "evil").ToFrames(new MessageSigner("wrong-key"));
        await _client.Shell.SendAsync([.. forged]);
        var (reply, _) = await ExecuteAsync("print honest");
        Assert.Equal(1, (int)reply.Content["execution_count"]!); // the forged one never ran
        lock (_log)
        {
            Assert.Contains(_log, l => l.Contains("invalid signature", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Shutdown_RepliesThenSignals()
    {
        await _client.SendAsync(_client.Control, "shutdown_request", new JsonObject { ["restart"] = true });
        var reply = await _client.ReplyAsync(_client.Control);
        Assert.Equal(("shutdown_reply", true), (reply.MessageType, (bool)reply.Content["restart"]!));
        Assert.True(await _kernel.ShutdownRequested.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TwoFrontEnds_EachGetsItsOwnReplies()
    {
        await using var other = await JupyterTestClient.ConnectAsync(_kernel.Endpoints, identity: "other");
        var mine = await _client.SendAsync(_client.Shell, "execute_request", new JsonObject { ["code"] = "mine" });
        var theirs = await other.SendAsync(other.Shell, "execute_request", new JsonObject { ["code"] = "theirs" });
        Assert.Equal(mine, (string?)(await _client.ReplyAsync(_client.Shell)).ParentHeader["msg_id"]);
        Assert.Equal(theirs, (string?)(await other.ReplyAsync(other.Shell)).ParentHeader["msg_id"]);
    }

    [Fact]
    public void Start_PortTaken_ThrowsAndReleasesTheOthers()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        Assert.Throws<System.Net.Sockets.SocketException>(() => JupyterKernel.Start(OnFreePorts with { HeartbeatPort = port }, new ScriptedInterpreter()));
        Assert.Throws<System.Net.Sockets.SocketException>(() => JupyterKernel.Start(OnFreePorts with { ShellPort = port }, new ScriptedInterpreter()));
    }
}
