using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetworkingLessons.Kernel.Messaging;
using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Core;

public sealed partial class JupyterKernel
{
    private async Task<bool> ExecuteAsync(RouterSocket socket, JupyterMessage request)
    {
        var code = Text(request.Content, "code") ?? "";
        var silent = Flag(request.Content, "silent", false);
        var storeHistory = !silent && Flag(request.Content, "store_history", true);
        var allowStdin = Flag(request.Content, "allow_stdin", true);
        var stopOnError = Flag(request.Content, "stop_on_error", true);
        var count = storeHistory ? Interlocked.Increment(ref _executionCount) : Volatile.Read(ref _executionCount);
        if (!silent)
        {
            Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);
        }
        using var running = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        lock (_gate)
        {
            _running = running;
        }
        var output = new ExecutionOutput(this, request, silent, allowStdin, count);
        ExecuteOutcome outcome;
        try
        {
            outcome = await _interpreter.ExecuteAsync(new ExecuteRequest(code, count, silent, allowStdin), output, running.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // The interpreter itself failed (not the code): still one clear error, and the kernel goes on.
            outcome = new ExecuteOutcome(false, "KernelError", ex.Message, [ex.ToString()]);
            output.Error(outcome.ErrorName, outcome.ErrorValue, outcome.Traceback!);
        }
        finally
        {
            lock (_gate)
            {
                _running = null;
            }
        }
        if (storeHistory)
        {
            lock (_gate)
            {
                _history.Add((count, code, output.ResultText));
            }
        }
        var reply = outcome.Succeeded
            ? new JsonObject { ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() }
            : new JsonObject
            {
                ["status"] = "error",
                ["execution_count"] = count,
                ["ename"] = outcome.ErrorName,
                ["evalue"] = outcome.ErrorValue,
                ["traceback"] = Strings(outcome.Traceback ?? []),
            };
        var stops = !outcome.Succeeded && stopOnError && !silent;
        Volatile.Write(ref _queuedAtError, stops ? socket.Pending : 0);
        Reply(socket, request, "execute_reply", reply);
        return stops;
    }

    private JsonObject IsComplete(string code)
    {
        var status = _interpreter.IsComplete(code);
        var reply = new JsonObject { ["status"] = status };
        if (status == "incomplete")
        {
            reply["indent"] = code.TrimEnd().EndsWith('{') ? "    " : "";
        }
        return reply;
    }

    // complete_request and inspect_request: the code, and the cursor kept within it.
    private static (string Code, int Cursor) CodeAndCursor(JsonObject content)
    {
        var code = Text(content, "code") ?? "";
        return (code, Math.Clamp(Number(content, "cursor_pos", code.Length), 0, code.Length));
    }

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)i)]);

    private JsonObject Complete(JsonObject content)
    {
        var (code, cursor) = CodeAndCursor(content);
        var result = _interpreter.Complete(code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = Strings(result.Matches),
            ["cursor_start"] = result.CursorStart,
            ["cursor_end"] = result.CursorEnd,
            ["metadata"] = new JsonObject(),
        };
    }

    private JsonObject Inspect(JsonObject content)
    {
        var (code, cursor) = CodeAndCursor(content);
        var found = _interpreter.Inspect(code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = found is not null,
            ["data"] = found is null ? new JsonObject() : new JsonObject { ["text/plain"] = found },
            ["metadata"] = new JsonObject(),
        };
    }

    // history_request: "tail" (the last n), "range" (lines start..stop of this session) or
    // "search" (a glob over the code, as ipykernel reads it; unique keeps one of each).
    private JsonObject History(JsonObject content)
    {
        List<(int Line, string Code, string Output)> history;
        lock (_gate)
        {
            history = [.. _history];
        }
        IEnumerable<(int Line, string Code, string Output)> chosen = (Text(content, "hist_access_type") ?? "tail") switch
        {
            "range" => history.Where(h => h.Line >= Number(content, "start", 0) && (Number(content, "stop", int.MaxValue) is var stop && (stop == 0 ? int.MaxValue : stop) > h.Line)),
            "search" => Search(history, Text(content, "pattern") ?? "*", Flag(content, "unique", false)),
            _ => history,
        };
        var withOutput = Flag(content, "output", false);
        var n = Number(content, "n", 0);
        var list = chosen.ToList();
        if (n > 0 && list.Count > n)
        {
            list = list[^n..];
        }
        return new JsonObject
        {
            ["status"] = "ok",
            ["history"] = new JsonArray([.. list.Select(h => (JsonNode?)new JsonArray(0, h.Line, withOutput ? new JsonArray(h.Code, h.Output) : h.Code))]),
        };
    }

    private static IEnumerable<(int Line, string Code, string Output)> Search(List<(int Line, string Code, string Output)> history, string pattern, bool unique)
    {
        if (pattern.IndexOfAny(['*', '?']) < 0)
        {
            pattern = "*" + pattern + "*"; // a plain word finds the cells containing it, as IPython's search does
        }
        var glob = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in history)
        {
            if (glob.IsMatch(entry.Code) && (!unique || seen.Add(entry.Code)))
            {
                yield return entry;
            }
        }
    }

    // One cell's outputs, each an IOPub message under the request that ran it; a silent request shows nothing.
    private sealed class ExecutionOutput(JupyterKernel kernel, JupyterMessage request, bool silent, bool allowStdin, int count) : IExecutionOutput
    {
        /// <summary>The value's text, for history with output.</summary>
        public string ResultText { get; private set; } = "";

        private void Publish(string type, JsonObject content)
        {
            if (!silent)
            {
                kernel.Publish(type, content, request);
            }
        }

        public void Stream(string name, string text) => Publish("stream", new JsonObject { ["name"] = name, ["text"] = text });

        public void Display(JsonObject data, JsonObject metadata, string? displayId) =>
            Publish("display_data", new JsonObject { ["data"] = data, ["metadata"] = metadata, ["transient"] = Transient(displayId) });

        public void UpdateDisplay(JsonObject data, JsonObject metadata, string displayId) =>
            Publish("update_display_data", new JsonObject { ["data"] = data, ["metadata"] = metadata, ["transient"] = Transient(displayId) });

        private static JsonObject Transient(string? displayId) => displayId is null ? [] : new JsonObject { ["display_id"] = displayId };

        public void Clear(bool wait) => Publish("clear_output", new JsonObject { ["wait"] = wait });

        public void Result(JsonObject data, JsonObject metadata)
        {
            ResultText = data["text/plain"]?.ToString() ?? "";
            Publish("execute_result", new JsonObject { ["execution_count"] = count, ["data"] = data, ["metadata"] = metadata });
        }

        public void Error(string name, string value, IReadOnlyList<string> traceback) =>
            Publish("error", new JsonObject { ["ename"] = name, ["evalue"] = value, ["traceback"] = Strings(traceback) });

        public string? ReadInput(string prompt, bool password, CancellationToken cancellationToken)
        {
            if (!allowStdin || silent)
            {
                return null;
            }
            var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (kernel._gate)
            {
                kernel._pendingInput?.TrySetResult(null);
                kernel._pendingInput = answer;
            }
            // The stdin socket's peer is the one with the shell caller's identity (jupyter_client and VS Code share it).
            var message = JupyterMessage.Create("input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }, kernel._session, request);
            if (!kernel._stdin.Send(message.ToFrames(kernel._signer)))
            {
                return null;
            }
            try
            {
                return answer.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }
}
