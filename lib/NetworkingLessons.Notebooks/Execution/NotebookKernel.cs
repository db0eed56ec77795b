using System.Collections.Immutable;
using System.Diagnostics;
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
/// receive outputs as they happen, then a <see cref="CellRun"/>. Dispose it to stop what the
/// notebook registered for cleanup.
/// </summary>
public sealed class NotebookKernel : IAsyncDisposable
{
    /// <summary>The namespaces every cell sees, as in the .NET Interactive C# kernel, plus the display helpers.</summary>
    public static readonly ImmutableArray<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks",
        "System.Linq", "NetworkingLessons.Notebooks.Display",
    ];

    private static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    private readonly KernelOptions _options;
    private readonly ExecutionScope _scope = new();
    private readonly NotebookGlobals _globals;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ScriptOptions _scriptOptions;
    private readonly SemaphoreSlim _oneCellAtATime = new(1, 1);
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
        _globals = new NotebookGlobals(_scope);
        var baseDirectory = Path.GetFullPath(_options.BaseDirectory);
        _scriptOptions = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithImports(DefaultImports)
            .WithReferences(FrameworkReferences.Value.Add(MetadataReference.CreateFromFile(typeof(NotebookKernel).Assembly.Location)))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver([], baseDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithAllowUnsafe(true);
    }

    /// <summary>Problems met while disposing what the notebook registered for cleanup, one line each.</summary>
    public IReadOnlyList<string> CleanupErrors { get; private set; } = [];

    /// <summary>Runs one cell's code after the cells before it, and reports what happened.</summary>
    /// <param name="code">The cell's C# source.</param>
    /// <param name="cellNumber">The cell's 1-based position in its notebook, for error messages.</param>
    /// <param name="onOutput">Called with each output as it is produced (stream text in pieces).</param>
    /// <param name="cancellationToken">Cancels the running cell, as Ctrl+C does.</param>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public async Task<CellRun> SubmitAsync(string code, int cellNumber, Action<CellOutput>? onOutput = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellNumber);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneCellAtATime.WaitAsync(CancellationToken.None);
        var outputs = new List<CellOutput>();
        _scope.BeginCell(outputs, onOutput);
        var clock = Stopwatch.StartNew();
        var count = ++_executionCount;
        try
        {
            var run = await RunAsync(code, cellNumber, count, cancellationToken);
            return run with { Outputs = [.. outputs], Duration = clock.Elapsed };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before the cell's code started (while compiling): still one clear outcome.
            var message = $"Cell {cellNumber}: cancelled.";
            _scope.Emit(new ErrorOutput("Cancelled", message, []));
            return new CellRun(cellNumber, CellStatus.Cancelled, [.. outputs], count, clock.Elapsed) { ErrorMessage = message };
        }
        finally
        {
            _scope.EndCell();
            _oneCellAtATime.Release();
        }
    }

    private async Task<CellRun> RunAsync(string code, int cell, int count, CancellationToken cancellationToken)
    {
        CellRun Failed(CellStatus status, ErrorOutput error, int? line, string message, string? exceptionType = null)
        {
            _scope.Emit(error);
            return new CellRun(cell, status, [], count, TimeSpan.Zero) { ErrorLine = line, ErrorMessage = message, ExceptionType = exceptionType };
        }

        if (_stuck is not null)
        {
            var message = $"Cell {cell} was not run: {_stuck}";
            return Failed(CellStatus.Unsupported, new ErrorOutput("KernelStuck", message, []), null, message);
        }
        if (Directives.FindUnsupported(code) is (int directiveLine, string problem))
        {
            var message = $"Cell {cell}, line {directiveLine}: {problem}";
            return Failed(CellStatus.Unsupported, new ErrorOutput("UnsupportedDirective", message, []), directiveLine, message);
        }
        var options = _scriptOptions.WithFilePath(ErrorReport.CellPath(Path.GetFullPath(_options.BaseDirectory), _options.NotebookName, cell));
        var guarded = LoopGuardRewriter.Guard(Directives.StripKernelSelectors(code), ParseOptions);
        var script = _state is null
            ? CSharpScript.Create<object>(guarded, options, typeof(NotebookGlobals))
            : _state.Script.ContinueWith<object>(guarded, options);
        var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var (output, errorLine, message) = ErrorReport.Compilation(errors, cell);
            return Failed(CellStatus.CompilationError, output, errorLine, message);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        stop.CancelAfter(_options.CellTimeout);
        var context = new CellContext(_scope, stop.Token);
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
                if (!running.IsCompleted)
                {
                    _stuck = $"cell {cell} could not be stopped and is still running.";
                }
            }
        }

        if (stop.IsCancellationRequested)
        {
            // A stopped cell that unwound keeps what it declared, as a cell that throws does.
            _state = state ?? _state;
            var status = cancellationToken.IsCancellationRequested ? CellStatus.Cancelled : CellStatus.TimedOut;
            var stoppedAt = state?.Exception is { } stopped ? ErrorReport.Exception(stopped, cell).Line : null;
            var at = stoppedAt is int l ? $", line {l}" : "";
            var message = status == CellStatus.Cancelled
                ? $"Cell {cell}{at}: cancelled."
                : $"Cell {cell}{at}: timed out after {_options.CellTimeout.TotalSeconds:0.#} s and was stopped.";
            return Failed(status, new ErrorOutput(status == CellStatus.Cancelled ? "Cancelled" : "TimeoutError", message, []), stoppedAt, message);
        }

        _state = state!;
        if (state!.Exception is { } exception)
        {
            var (output, thrownAt, message) = ErrorReport.Exception(exception, cell);
            return Failed(CellStatus.Exception, output, thrownAt, message, exception.GetType().FullName) with { ExceptionMessage = exception.Message };
        }
        if (EndsWithValue(script) && state.ReturnValue is not DisplayedValue)
        {
            _scope.Emit(new ExecuteResultOutput(Formatter.Format(state.ReturnValue), count));
        }
        return new CellRun(cell, CellStatus.Completed, [], count, TimeSpan.Zero);
    }

    // A cell shows a value when its last statement is an expression with no semicolon that is not void.
    private static bool EndsWithValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot().ChildNodes().LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
        {
            return false;
        }
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
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
        _oneCellAtATime.Dispose();
    }

    // The shared framework's assemblies, as the .NET Interactive kernel offers them: any System.* namespace works without #r.
    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator);
        return [.. trusted
            .Where(p => p.Length > 0 && Path.GetDirectoryName(p) == frameworkDirectory)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll"))
            .Where(p => !p.EndsWith(".Native.dll", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
