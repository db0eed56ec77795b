using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkingLessons.Kernel.Core;
using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Kernel.Interpreter;

/// <summary>
/// The course's notebook engine behind the Jupyter protocol: each execute request is one cell of
/// a <see cref="NotebookKernel"/> (state chained from cell to cell, blocking calls stoppable, the
/// cell timeout, <c>#r</c> from the working folder), its outputs turned into Jupyter messages.
/// A cell that cannot be stopped costs the state: the next cell runs in a fresh engine, and says so.
/// </summary>
public sealed class NotebookInterpreter : IKernelInterpreter
{
    private readonly KernelOptions _options;
    private readonly Lock _gate = new();
    private NotebookKernel _engine;
    private IExecutionOutput? _lastOutput;
    private int _cells;

    /// <summary>An interpreter running cells as <paramref name="options"/> says (its ReadInput is replaced by the front end's stdin).</summary>
    public NotebookInterpreter(KernelOptions? options = null)
    {
        _options = (options ?? new KernelOptions()) with { ReadInput = ReadInput };
        _engine = Start();
    }

    private NotebookKernel Start()
    {
        var engine = new NotebookKernel(_options);
        engine.DisplayUpdated += update =>
        {
            // An update between cells goes to the cell that made the display's request, as ClrKernel routes it.
            IExecutionOutput? output;
            lock (_gate)
            {
                output = _lastOutput;
            }
            output?.UpdateDisplay(Bundle(update.Data), [], update.DisplayId);
        };
        return engine;
    }

    private string? ReadInput(string prompt, CancellationToken cancellationToken)
    {
        IExecutionOutput? output;
        lock (_gate)
        {
            output = _lastOutput;
        }
        return output?.ReadInput(prompt, false, cancellationToken);
    }

    /// <inheritdoc />
    public JsonObject LanguageInfo { get; } = new()
    {
        ["name"] = "csharp",
        ["version"] = "14.0",
        ["mimetype"] = "text/x-csharp",
        ["file_extension"] = ".cs",
        ["pygments_lexer"] = "csharp",
        ["codemirror_mode"] = "text/x-csharp",
        ["nbconvert_exporter"] = "script",
    };

    /// <inheritdoc />
    public (string Name, string Version, string Banner) Implementation { get; } = (
        "networking-lessons",
        typeof(NotebookInterpreter).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        $"C# {Environment.Version} scripting (Roslyn) for the NetworkingLessons course: the course's own kernel, ZMTP and all.");

    /// <inheritdoc />
    public async Task<ExecuteOutcome> ExecuteAsync(ExecuteRequest request, IExecutionOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        lock (_gate)
        {
            _lastOutput = output;
        }
        var engine = _engine;
        ErrorOutput? error = null;
        var run = await engine.SubmitAsync(request.Code, ++_cells, o =>
        {
            switch (o)
            {
                case StreamOutput stream:
                    output.Stream(stream.Name, stream.Text);
                    break;
                case DisplayDataOutput display:
                    output.Display(Bundle(display.Data), [], display.DisplayId);
                    break;
                case ClearOutputEvent clear:
                    output.Clear(clear.Wait);
                    break;
                case ExecuteResultOutput result:
                    output.Result(Bundle(result.Data), []);
                    break;
                case ErrorOutput failure:
                    error = failure;
                    output.Error(failure.Name, failure.Value, Traceback(failure));
                    break;
                default:
                    break;
            }
        }, cancellationToken);
        if (engine.IsStuck)
        {
            _engine = Start();
            output.Stream(StreamOutput.StandardError, "The cell could not be stopped, so the kernel's state was lost: the next cell starts afresh (run the setup cell again).\n");
            _ = engine.DisposeAsync().AsTask();
        }
        if (run.Succeeded)
        {
            return ExecuteOutcome.Ok;
        }
        error ??= new ErrorOutput(run.Status.ToString(), run.ErrorMessage ?? "the cell failed", []);
        return new ExecuteOutcome(false, error.Name, error.Value, Traceback(error));
    }

    // Front ends show the traceback, not ename and evalue, so its first line is the one-line message.
    private static List<string> Traceback(ErrorOutput error) => [$"{error.Name}: {error.Value}", .. error.Traceback];

    /// <summary>A MIME bundle as Jupyter's data dictionary: JSON types as JSON, everything else as text.</summary>
    internal static JsonObject Bundle(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in bundle)
        {
            JsonNode? value = content;
            if (MimeBundle.IsJsonType(mime))
            {
                try
                {
                    value = JsonNode.Parse(content);
                }
                catch (JsonException)
                {
                    value = content;
                }
            }
            data[mime] = value;
        }
        return data;
    }

    /// <inheritdoc />
    public CompletionResult Complete(string code, int cursor)
    {
        var completion = _engine.Complete(code, cursor);
        return new CompletionResult(completion.Matches, completion.Start, completion.End);
    }

    /// <inheritdoc />
    public string? Inspect(string code, int cursor) => _engine.Inspect(code, cursor);

    /// <inheritdoc />
    public string IsComplete(string code) => NotebookKernel.IsComplete(code);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
