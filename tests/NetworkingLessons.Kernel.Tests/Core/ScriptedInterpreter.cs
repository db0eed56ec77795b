using System.Text.Json.Nodes;
using NetworkingLessons.Kernel.Core;

namespace NetworkingLessons.Kernel.Tests.Core;

/// <summary>
/// An interpreter that knows a few words, so that the core's protocol can be tested without C#:
/// "print X" streams X, "fail" errors, "block" waits until interrupted, "ask" reads a line,
/// anything else is its own result.
/// </summary>
internal sealed class ScriptedInterpreter : IKernelInterpreter
{
    public TaskCompletionSource Blocking { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>"slowfail" fails once this is released.</summary>
    public TaskCompletionSource FailGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JsonObject LanguageInfo { get; } = new() { ["name"] = "scripted", ["version"] = "1", ["mimetype"] = "text/plain", ["file_extension"] = ".txt" };

    public (string Name, string Version, string Banner) Implementation => ("scripted", "1.0", "test");

    public async Task<ExecuteOutcome> ExecuteAsync(ExecuteRequest request, IExecutionOutput output, CancellationToken cancellationToken)
    {
        switch (request.Code)
        {
            case var code when code.StartsWith("print ", StringComparison.Ordinal):
                output.Stream("stdout", code[6..]);
                return ExecuteOutcome.Ok;
            case "slowfail":
                await FailGate.Task.WaitAsync(cancellationToken);
                goto case "fail";
            case "fail":
                output.Error("Failure", "it failed", ["Failure: it failed"]);
                return new ExecuteOutcome(false, "Failure", "it failed", ["Failure: it failed"]);
            case "block":
                Blocking.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    output.Error("Cancelled", "interrupted", []);
                    return new ExecuteOutcome(false, "Cancelled", "interrupted", []);
                }
                return ExecuteOutcome.Ok;
            case "ask":
                var line = await Task.Run(() => output.ReadInput("name? ", false, cancellationToken), CancellationToken.None);
                output.Result(new JsonObject { ["text/plain"] = line ?? "(none)" }, []);
                return ExecuteOutcome.Ok;
            default:
                output.Result(new JsonObject { ["text/plain"] = request.Code }, []);
                return ExecuteOutcome.Ok;
        }
    }

    public CompletionResult Complete(string code, int cursor) => new(["alpha", "beta"], 0, cursor);

    public string? Inspect(string code, int cursor) => code.Length == 0 ? null : "inspected " + code;

    public string IsComplete(string code) => code.EndsWith('{') ? "incomplete" : "complete";

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
