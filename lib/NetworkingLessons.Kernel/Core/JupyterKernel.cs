using System.Net;
using System.Text.Json.Nodes;
using NetworkingLessons.Kernel.Messaging;
using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Core;

/// <summary>
/// The protocol side of the kernel (xeus's kernel core): the five sockets of a connection file,
/// signed messages, and the dispatch of each request with IOPub <c>busy</c> before and
/// <c>idle</c> after. Shell requests run one at a time in arrival order; control and heartbeat
/// keep answering while a cell runs, so an interrupt reaches it. After an error, queued
/// execute requests are aborted when the request asked to stop on error. What runs the code is
/// the <see cref="IKernelInterpreter"/>.
/// </summary>
public sealed partial class JupyterKernel : IAsyncDisposable
{
    private readonly IKernelInterpreter _interpreter;
    private readonly MessageSigner _signer;
    private readonly Action<string> _log;
    private readonly RouterSocket _shell;
    private readonly RouterSocket _control;
    private readonly RouterSocket _stdin;
    private readonly PublisherSocket _iopub;
    private readonly ReplySocket _heartbeat;
    private readonly string _session = Guid.NewGuid().ToString();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<bool> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<(int Line, string Code, string Output)> _history = [];
    private readonly Task _shellLoop;
    private readonly Task _controlLoop;
    private readonly Task _stdinLoop;
    private CancellationTokenSource? _running;
    private TaskCompletionSource<string?>? _pendingInput;
    private int _executionCount;
    private int _queuedAtError;
    private int _disposed;

    private JupyterKernel(ConnectionInfo info, IKernelInterpreter interpreter, ZmtpLimits? limits, Action<string>? log)
    {
        _interpreter = interpreter;
        _signer = new MessageSigner(info.Key);
        _log = log ?? (_ => { });
        var bound = new List<ZmtpSocket>();
        T Bind<T>(Func<T> open) where T : ZmtpSocket
        {
            try
            {
                var socket = open();
                bound.Add(socket);
                return socket;
            }
            catch
            {
                // Release the ports already taken, so that a retry with other ports can have them.
                foreach (var socket in bound)
                {
                    socket.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
                throw;
            }
        }
        IPEndPoint At(int port) => new(info.Ip, port);
        _shell = Bind(() => new RouterSocket(At(info.ShellPort), limits, _log));
        _control = Bind(() => new RouterSocket(At(info.ControlPort), limits, _log));
        _stdin = Bind(() => new RouterSocket(At(info.StdinPort), limits, _log));
        _iopub = Bind(() => new PublisherSocket(At(info.IopubPort), limits, _log));
        _heartbeat = Bind(() => new ReplySocket(At(info.HeartbeatPort), ping => ping, limits, _log));
        Endpoints = info with
        {
            ShellPort = _shell.LocalEndPoint.Port,
            ControlPort = _control.LocalEndPoint.Port,
            StdinPort = _stdin.LocalEndPoint.Port,
            IopubPort = _iopub.LocalEndPoint.Port,
            HeartbeatPort = _heartbeat.LocalEndPoint.Port,
        };
        _shellLoop = Task.Run(() => ServeAsync(_shell, abortAfterErrors: true));
        _controlLoop = Task.Run(() => ServeAsync(_control, abortAfterErrors: false));
        _stdinLoop = Task.Run(ServeStdinAsync);
    }

    /// <summary>
    /// Binds the sockets the connection file names, on its address only (a port of 0 takes a free
    /// one: see <see cref="Endpoints"/>), and starts serving.
    /// </summary>
    /// <exception cref="System.Net.Sockets.SocketException">A port cannot be bound; none stays bound.</exception>
    public static JupyterKernel Start(ConnectionInfo info, IKernelInterpreter interpreter, ZmtpLimits? limits = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(interpreter);
        return new JupyterKernel(info, interpreter, limits, log);
    }

    /// <summary>The connection file's settings with the ports actually bound.</summary>
    public ConnectionInfo Endpoints { get; }

    /// <summary>Shell requests received and waiting for the one running to finish.</summary>
    internal int QueuedShellRequests => _shell.Pending;

    /// <summary>Completes when a front end asks the kernel to shut down; true when it asked for a restart.</summary>
    public Task<bool> ShutdownRequested => _shutdown.Task;

    private async Task ServeAsync(RouterSocket socket, bool abortAfterErrors)
    {
        var toAbort = 0;
        while (!_stopping.IsCancellationRequested)
        {
            List<byte[]> frames;
            var aborting = false;
            if (toAbort > 0 && socket.TryReceive(out var queued))
            {
                frames = queued;
                toAbort--;
                aborting = true;
            }
            else
            {
                toAbort = 0;
                try
                {
                    frames = await socket.ReceiveAsync(_stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            if (Parse(frames, socket) is not { } request)
            {
                continue;
            }
            try
            {
                var failed = await HandleAsync(socket, request, aborting);
                if (abortAfterErrors && failed)
                {
                    // Only what was queued before the error's reply went out: a request sent after
                    // the front end saw the error is a new start, not part of what the error stops.
                    toAbort = Volatile.Read(ref _queuedAtError);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                // A handler's bug must not take the kernel down with it.
                _log($"kernel: {request.MessageType} failed: {ex}");
            }
        }
    }

    private JupyterMessage? Parse(List<byte[]> frames, ZmtpSocket socket)
    {
        try
        {
            return JupyterMessage.Parse(frames, _signer);
        }
        catch (JupyterWireException ex)
        {
            _log($"kernel: dropped a message on {socket.LocalEndPoint}: {ex.Message}");
            return null;
        }
    }

    private async Task ServeStdinAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            List<byte[]> frames;
            try
            {
                frames = await _stdin.ReceiveAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (Parse(frames, _stdin) is { MessageType: "input_reply" } reply)
            {
                TaskCompletionSource<string?>? pending;
                lock (_gate)
                {
                    pending = _pendingInput;
                    _pendingInput = null;
                }
                pending?.TrySetResult(Text(reply.Content, "value") ?? "");
            }
        }
    }

    // Returns true when the request was an execution that failed and asked to stop on error.
    private async Task<bool> HandleAsync(RouterSocket socket, JupyterMessage request, bool aborting)
    {
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
        try
        {
            var type = request.MessageType;
            if (aborting && type == "execute_request")
            {
                Reply(socket, request, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });
                return false;
            }
            switch (type)
            {
                case "kernel_info_request":
                    Reply(socket, request, "kernel_info_reply", KernelInfo());
                    return false;
                case "execute_request":
                    return await ExecuteAsync(socket, request);
                case "is_complete_request":
                    Reply(socket, request, "is_complete_reply", IsComplete(Text(request.Content, "code") ?? ""));
                    return false;
                case "complete_request":
                    Reply(socket, request, "complete_reply", Complete(request.Content));
                    return false;
                case "inspect_request":
                    Reply(socket, request, "inspect_reply", Inspect(request.Content));
                    return false;
                case "history_request":
                    Reply(socket, request, "history_reply", History(request.Content));
                    return false;
                case "comm_info_request":
                    Reply(socket, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                    return false;
                case "interrupt_request":
                    Interrupt();
                    Reply(socket, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                    return false;
                case "shutdown_request":
                    var restart = Flag(request.Content, "restart", false);
                    Reply(socket, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
                    Interrupt();
                    _shutdown.TrySetResult(restart);
                    return false;
                case "comm_open" or "comm_msg" or "comm_close":
                    return false; // no comm targets here; ipykernel ignores these too
                default:
                    _log($"kernel: no handler for \"{type}\"; ignored");
                    return false;
            }
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
        }
    }

    private void Interrupt()
    {
        lock (_gate)
        {
            _running?.Cancel();
            _pendingInput?.TrySetResult(null);
            _pendingInput = null;
        }
    }

    private JsonObject KernelInfo()
    {
        var (name, version, banner) = _interpreter.Implementation;
        return new JsonObject
        {
            ["status"] = "ok",
            ["protocol_version"] = JupyterMessage.ProtocolVersion,
            ["implementation"] = name,
            ["implementation_version"] = version,
            ["language_info"] = _interpreter.LanguageInfo.DeepClone(),
            ["banner"] = banner,
            ["help_links"] = new JsonArray(),
        };
    }

    private void Reply(RouterSocket socket, JupyterMessage request, string type, JsonObject content) =>
        socket.Send(JupyterMessage.Create(type, content, _session, request).ToFrames(_signer));

    private void Publish(string type, JsonObject content, JupyterMessage parent) =>
        _iopub.Publish(JupyterMessage.Create(type, content, _session, parent, identities: [System.Text.Encoding.ASCII.GetBytes(type)]).ToFrames(_signer));

    private static string? Text(JsonObject content, string field) =>
        content[field] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static bool Flag(JsonObject content, string field, bool fallback) =>
        content[field] is JsonValue value && value.TryGetValue(out bool flag) ? flag : fallback;

    private static int Number(JsonObject content, string field, int fallback) =>
        content[field] is JsonValue value && value.TryGetValue(out int number) ? number : fallback;

    /// <summary>Stops serving: the running cell is cancelled, queued messages are sent (within a second), the sockets close, and the interpreter is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Interrupt();
        await _stopping.CancelAsync();
        await Task.WhenAll(_shellLoop, _controlLoop, _stdinLoop).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var socket in new ZmtpSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            await socket.DisposeAsync();
        }
        await _interpreter.DisposeAsync();
        _stopping.Dispose();
    }
}
