using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Runs C# cells the way the .NET Interactive C# kernel does: one Roslyn script state chained from
/// cell to cell, its default imports, the latest language version, relative <c>#r</c>/<c>#load</c>
/// from the notebook's folder, Console output captured, a trailing expression shown. Submit code,
/// receive outputs as they happen, then a <see cref="CellRun"/>. A cell that times out or is
/// cancelled is stopped wherever it is: in a loop, a sleep, a wait, or a blocking socket call.
/// Dispose it to stop what the notebook registered for cleanup.
/// </summary>
public sealed class NotebookKernel : IAsyncDisposable
{
    /// <summary>The namespaces every cell sees, as in the .NET Interactive C# kernel, plus the display helpers.</summary>
    public static readonly ImmutableArray<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks",
        "System.Linq", "NetworkingLessons.Notebooks.Display",
    ];

    // The steps are the same for every kernel of the process; reading the framework's metadata for them is not cheap.
    private static readonly Lazy<CellReferences> References =
        new(() => new CellReferences(MetadataReference.CreateFromFile(typeof(NotebookKernel).Assembly.Location)));

    private readonly KernelOptions _options;
    private readonly ExecutionScope _scope;
    private readonly NotebookGlobals _globals;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ScriptOptions _scriptOptions;
    private readonly ImmutableArray<ScriptOptions> _referenceSteps;
    private int _referenceStep;

    /// <summary>Which of <see cref="CellReferences"/>' steps the notebook has reached (0 is the narrowest).</summary>
    internal int ReferenceStep => _referenceStep;
    private readonly SemaphoreSlim _oneCellAtATime = new(1, 1);
    private readonly Dictionary<int, int> _countOfCell = [];
    private ScriptState<object>? _state;
    private int _executionCount;
    private string? _stuck;
    private bool _disposed;

    /// <summary>Creates a kernel; nothing is compiled until the first cell.</summary>
    public NotebookKernel(KernelOptions? options = null)
    {
        _options = options ?? new KernelOptions();
        if (_options.CellTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.CellTimeout, "The cell timeout must be positive.");
        }
        ConsoleRouter.Install();
        _scope = new ExecutionScope(_options.ReadInput, update => DisplayUpdated?.Invoke(update));
        _globals = new NotebookGlobals(_scope);
        var baseDirectory = Path.GetFullPath(_options.BaseDirectory);
        _scriptOptions = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithImports(DefaultImports)
            .WithReferences(References.Value.Steps[^1])
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver([], baseDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithAllowUnsafe(true);
        _referenceSteps = [.. References.Value.Steps.Select(references => _scriptOptions.WithReferences(references))];
        WarmUp(_referenceSteps[0]);
    }

    private static int _warmedUp;

    // Roslyn's first compilation in a process costs seconds, most of it the JIT compiling Roslyn
    // itself. A throwaway compilation on another core, once per process, overlaps that with the
    // first cell's (about a second sooner on the 2-core machine: bench/README.md).
    private static void WarmUp(ScriptOptions options)
    {
        if (Interlocked.Exchange(ref _warmedUp, 1) == 1)
        {
            return;
        }
        _ = Task.Run(() =>
        {
            try
            {
                var script = CSharpScript.Create<object>("var list = new List<int> { 1 }; await Task.Yield(); list.Count", options, typeof(NotebookGlobals));
                var compilation = script.GetCompilation();
                compilation.GetSemanticModel(compilation.SyntaxTrees.Last()).GetDiagnostics();
                script.Compile();
            }
            catch (Exception)
            {
                // Only ever a head start: a failure here changes nothing for the cells.
            }
        });
    }

    /// <summary>
    /// Raised when a display shown earlier is replaced (<c>handle.Update(x)</c>), whether during a
    /// cell or between cells: a front end replaces that output in place.
    /// </summary>
    public event Action<UpdateDisplayDataOutput>? DisplayUpdated;

    /// <summary>Problems met while disposing what the notebook registered for cleanup, one line each.</summary>
    public IReadOnlyList<string> CleanupErrors { get; private set; } = [];

    /// <summary>
    /// True once a cell could not be stopped: its thread is still running, so this kernel runs no
    /// more cells. Dispose it and start a new one (the notebook's state is lost).
    /// </summary>
    public bool IsStuck => _stuck is not null;

    /// <summary>Runs one C# cell's code after the cells before it, and reports what happened.</summary>
    /// <param name="code">The cell's C# source.</param>
    /// <param name="cellNumber">The cell's 1-based position in its notebook, for stack traces.</param>
    /// <param name="onOutput">Called with each output as it is produced (stream text in pieces).</param>
    /// <param name="cancellationToken">Cancels the running cell, as Ctrl+C does.</param>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public Task<CellRun> SubmitAsync(string code, int cellNumber, Action<CellOutput>? onOutput = null,
        CancellationToken cancellationToken = default) =>
        SubmitAsync(code, cellNumber, Magics.CSharp, onOutput, cancellationToken);

    /// <summary>
    /// Runs one cell of kernel <paramref name="kernelName"/> (<c>csharp</c>, <c>html</c>,
    /// <c>mermaid</c>…; a cell may switch kernels with lines such as <c>#!markdown</c>, as in
    /// Polyglot Notebooks). Markdown, HTML, JavaScript and mermaid show as displays; other
    /// languages are skipped with one line saying so.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public Task<CellRun> SubmitAsync(string code, int cellNumber, string kernelName, Action<CellOutput>? onOutput = null,
        CancellationToken cancellationToken = default) =>
        SubmitAsync(code, cellNumber, kernelName, null, onOutput, cancellationToken);

    /// <summary>Runs one cell as <see cref="SubmitAsync(string, int, string, Action{CellOutput}?, CancellationToken)"/> does, with its own timeout instead of the kernel's.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public async Task<CellRun> SubmitAsync(string code, int cellNumber, string kernelName, TimeSpan? timeout, Action<CellOutput>? onOutput = null,
        CancellationToken cancellationToken = default)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "A cell's timeout must be positive.");
        }
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(kernelName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellNumber);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneCellAtATime.WaitAsync(CancellationToken.None);
        var outputs = new List<CellOutput>();
        _scope.BeginCell(outputs, onOutput);
        var clock = Stopwatch.StartNew();
        var count = ++_executionCount;
        _countOfCell[cellNumber] = count;
        var label = ErrorReport.Label(count, code);
        try
        {
            var run = new CellRun(cellNumber, CellStatus.Completed, [], count, TimeSpan.Zero);
            foreach (var segment in CellSegments.Split(code, kernelName))
            {
                if (Magics.RunOther(segment) is { } shown)
                {
                    _scope.Emit(shown);
                    continue;
                }
                run = await RunCSharpAsync(segment.Code, cellNumber, count, label, timeout ?? _options.CellTimeout, cancellationToken);
                if (!run.Succeeded)
                {
                    break;
                }
            }
            _scope.Settle();
            return run with { Outputs = [.. outputs], Duration = clock.Elapsed };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before the cell's code started (while compiling): still one clear outcome.
            var message = $"{label}: cancelled.";
            _scope.Emit(new ErrorOutput("Cancelled", message, []));
            return new CellRun(cellNumber, CellStatus.Cancelled, [.. outputs], count, clock.Elapsed) { ErrorMessage = message };
        }
        finally
        {
            _scope.EndCell();
            _oneCellAtATime.Release();
        }
    }

    /// <summary>
    /// The names that can be typed at <paramref name="cursor"/> (a character offset) in code that
    /// would run after the cells so far: variables and types the notebook declared, members after a
    /// dot, namespaces. From Roslyn's semantic model; nothing is run.
    /// </summary>
    public CodeCompletion Complete(string code, int cursor)
    {
        ArgumentNullException.ThrowIfNull(code);
        var (compilation, tree) = Continuation(code);
        return CodeAssist.Complete(compilation, tree, cursor);
    }

    /// <summary>What the name at <paramref name="cursor"/> refers to (its signature, kind and summary), or null when it is not a known name.</summary>
    public string? Inspect(string code, int cursor)
    {
        ArgumentNullException.ThrowIfNull(code);
        var (compilation, tree) = Continuation(code);
        return CodeAssist.Inspect(compilation, tree, cursor);
    }

    /// <summary>"complete", "incomplete" (more lines are needed: an open brace, bracket or string) or "invalid" for a cell's code.</summary>
    public static string IsComplete(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return CodeAssist.IsComplete(code);
    }

    private (Compilation Compilation, SyntaxTree Tree) Continuation(string code)
    {
        var script = _state is null
            ? CSharpScript.Create<object>(code, _scriptOptions, typeof(NotebookGlobals))
            : _state.Script.ContinueWith<object>(code, _scriptOptions);
        var compilation = script.GetCompilation();
        return (compilation, compilation.SyntaxTrees.Last());
    }

    private string LabelOf(int cellNumber) =>
        _countOfCell.TryGetValue(cellNumber, out var count) ? ErrorReport.ShortLabel(count) : $"cell {cellNumber}";

    private async Task<CellRun> RunCSharpAsync(string code, int cell, int count, string label, TimeSpan timeout, CancellationToken cancellationToken)
    {
        CellRun Failed(CellStatus status, ErrorOutput error, int? line, string message, string? exceptionType = null)
        {
            _scope.Emit(error);
            return new CellRun(cell, status, [], count, TimeSpan.Zero) { ErrorLine = line, ErrorMessage = message, ExceptionType = exceptionType };
        }

        if (_stuck is not null)
        {
            var message = $"{label} was not run: {_stuck}";
            return Failed(CellStatus.Unsupported, new ErrorOutput("KernelStuck", message, []), null, message);
        }
        var (magics, unsupported) = Magics.Parse(code);
        if (unsupported is (int directiveLine, string problem))
        {
            var message = $"{ErrorReport.Where(label, directiveLine)}: {problem}";
            return Failed(CellStatus.Unsupported, new ErrorOutput("UnsupportedDirective", message, []), directiveLine, message);
        }
        var clock = Stopwatch.StartNew();
        var (script, errors, callsByLine) = Compile(LoopGuardRewriter.Guard(magics.Code), cell, cancellationToken);
        if (errors.Count > 0)
        {
            var (output, errorLine, message) = ErrorReport.Compilation(errors, cell, label, LabelOf, Path.GetFullPath(_options.BaseDirectory));
            return Failed(CellStatus.CompilationError, output, errorLine, message);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var context = new CellContext(_scope, stop.Token);
        using var stopBlockedCalls = stop.Token.Register(context.Blocked.StopAll);
        stop.CancelAfter(timeout);
        var previous = _state;
        // A thread of its own, so that a cell that never awaits still cannot hold up the caller past its timeout.
        var running = Task.Factory.StartNew(() =>
        {
            ExecutionScope.Enter(context);
            return previous is null
                ? script.RunAsync(_globals, _ => true, stop.Token)
                : script.RunFromAsync(previous, _ => true, stop.Token);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        ScriptState<object>? state = null;
        try
        {
            state = await running.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            try
            {
                state = await running.WaitAsync(_options.StopGrace, CancellationToken.None);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Still running after the grace period, or ended by an exception the script did not catch.
            }
        }

        if (stop.IsCancellationRequested)
        {
            return Stopped(context, state, running.IsCompleted, cell, label, timeout, callsByLine, cancellationToken.IsCancellationRequested, Failed);
        }

        _state = state!;
        if (state!.Exception is { } exception)
        {
            var (output, thrownAt, message) = ErrorReport.Exception(exception, cell, label, LabelOf);
            return Failed(CellStatus.Exception, output, thrownAt, message, exception.GetType().FullName) with { ExceptionMessage = exception.Message };
        }
        if (magics.Time)
        {
            _scope.Emit(Magics.WallTime(clock.Elapsed));
        }
        if (TrailingValue(script) is { } trailing && state.ReturnValue is not DisplayedValue)
        {
            _scope.Emit(new ExecuteResultOutput(Formatter.Format(state.ReturnValue, trailing.TupleNames), count));
        }
        return new CellRun(cell, CellStatus.Completed, [], count, TimeSpan.Zero);
    }

    // Against the narrowest references the notebook has reached that compile the cell and name
    // every framework assembly it binds to (CellReferences); the widest step's errors when none does.
    private (Script<object> Script, List<Diagnostic> Errors, IReadOnlyDictionary<int, string> CallsByLine) Compile(
        string code, int cell, CancellationToken cancellationToken)
    {
        (Script<object> Script, List<Diagnostic> Errors, IReadOnlyDictionary<int, string> CallsByLine) compiled = default;
        for (var step = _referenceStep; step < _referenceSteps.Length; step++)
        {
            compiled = Compile(code, cell, _referenceSteps[step], cancellationToken);
            if (compiled.Errors.Count == 0
                && (step == _referenceSteps.Length - 1 || References.Value.Covers(step, compiled.Script.GetCompilation())))
            {
                _referenceStep = step;
                break;
            }
        }
        return compiled;
    }

    // The cell's script: its blocking calls made stoppable where the compiler can tell what they
    // are; as written when that rewrite does not compile (the compiler then says what is wrong with
    // the student's own code, at the student's own positions).
    private (Script<object> Script, List<Diagnostic> Errors, IReadOnlyDictionary<int, string> CallsByLine) Compile(
        string code, int cell, ScriptOptions scriptOptions, CancellationToken cancellationToken)
    {
        var path = ErrorReport.CellPath(Path.GetFullPath(_options.BaseDirectory), _options.NotebookName, cell);
        var options = scriptOptions.WithFilePath(path);
        Script<object> Create(string text) => _state is null
            ? CSharpScript.Create<object>(text, options, typeof(NotebookGlobals))
            : _state.Script.ContinueWith<object>(text, options);
        // Building the script's delegate emits it once, and the run reuses that. Script.Compile
        // would emit too, then bind the whole submission a second time only to list warnings.
        static List<Diagnostic> Errors(Script<object> script, CancellationToken cancellationToken)
        {
            try
            {
                script.CreateDelegate(cancellationToken);
                return [];
            }
            catch (CompilationErrorException e)
            {
                return [.. e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
            }
        }

        var script = Create(code);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path) ?? compilation.SyntaxTrees.Last();
        if (BlockingCallRewriter.Rewrite(compilation, tree) is { } rewrite)
        {
            var rewritten = Create(rewrite.Code);
            var rewrittenErrors = Errors(rewritten, cancellationToken);
            if (rewrittenErrors.Count == 0)
            {
                return (rewritten, rewrittenErrors, rewrite.CallsByLine);
            }
        }
        return (script, Errors(script, cancellationToken), ImmutableDictionary<int, string>.Empty);
    }

    // A stopped cell says what it was doing, and keeps what it declared, as a cell that throws does.
    // If it did not stop, it says so, and this kernel runs nothing more.
    private CellRun Stopped(CellContext context, ScriptState<object>? state, bool ended, int cell, string label, TimeSpan timeout,
        IReadOnlyDictionary<int, string> callsByLine, bool cancelled,
        Func<CellStatus, ErrorOutput, int?, string, string?, CellRun> failed)
    {
        _state = state ?? _state;
        var exception = state?.Exception;
        var line = exception is null ? null : ErrorReport.LineOf(exception, cell);
        var stoppedCall = Chain(exception).OfType<CellStoppedException>().FirstOrDefault();
        var blockedIn = stoppedCall?.Call ?? context.Blocked.Stopped.FirstOrDefault()
            ?? (line is int l && callsByLine.TryGetValue(l, out var call) ? call : null);
        var reason = blockedIn is not null ? $" while blocked in {blockedIn}{(stoppedCall?.How is { } how ? $" ({how})" : "")}"
            : context.Blocked.StoppedInLoop ? " in a loop" : "";
        var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var where = ErrorReport.Where(label, line);
        var status = cancelled ? CellStatus.Cancelled : CellStatus.TimedOut;
        string message;
        if (!ended)
        {
            _stuck = $"{label} could not be stopped and is still running; start a new kernel (the notebook's state is lost).";
            message = $"{where}: {(cancelled ? "cancelled" : $"timed out after {seconds} s")}, but could not be stopped{reason}: it is still running. The notebook's state is lost; a new kernel is needed.";
        }
        else
        {
            message = cancelled ? $"{where}: cancelled{reason}." : $"{where}: stopped after {seconds} s{reason}.";
        }
        return failed(status, new ErrorOutput(cancelled ? "Cancelled" : "TimeoutError", message, []), line, message, null);

        static IEnumerable<Exception> Chain(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                yield return e;
                if (e is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    // A cell shows a value when its last statement is an expression with no semicolon that is not
    // void. A tuple's element names exist only for the compiler, so they are read here, to head its columns.
    private static (IReadOnlyList<string>? TupleNames, bool _)? TrailingValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot().ChildNodes().LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
        {
            return null;
        }
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        if (type is null || type.SpecialType == SpecialType.System_Void)
        {
            return null;
        }
        var names = type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Any(e => !e.IsImplicitlyDeclared && e.Name != e.CorrespondingTupleField?.Name)
            ? tuple.TupleElements.Select(e => e.Name).ToList()
            : null;
        return (names, true);
    }

    /// <summary>Stops every loop still running for this notebook, then disposes what it registered for cleanup, newest first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _lifetime.CancelAsync();
        var errors = new List<string>();
        foreach (var item in _scope.TakeDisposables())
        {
            try
            {
                var disposal = item is IAsyncDisposable asyncDisposable
                    ? asyncDisposable.DisposeAsync().AsTask()
                    : Task.Run(((IDisposable)item).Dispose);
                await disposal.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex)
            {
                errors.Add($"{item.GetType().Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        CleanupErrors = errors;
        _lifetime.Dispose();
        if (_stuck is null)
        {
            _oneCellAtATime.Dispose();
        }
    }
}
