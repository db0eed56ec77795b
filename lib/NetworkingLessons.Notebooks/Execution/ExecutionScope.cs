using System.Text;
using NetworkingLessons.Notebooks.Display;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// A kernel's output sink. Code running for a cell finds it through an async-local value, which
/// flows into the tasks and threads the cell starts, so their Console output and displays land in
/// the notebook too (in whichever cell of that kernel is running when they write).
/// </summary>
internal sealed class ExecutionScope(Func<string, CancellationToken, string?>? readInput, Action<UpdateDisplayDataOutput> onUpdate)
{
    private static readonly AsyncLocal<CellContext?> CurrentContext = new();

    private readonly Lock _gate = new();
    private readonly List<object> _disposables = [];
    private List<CellOutput>? _outputs;
    private Action<CellOutput>? _onOutput;

    /// <summary>The context of the cell whose code is running on this flow, if any.</summary>
    public static CellContext? Current => CurrentContext.Value;

    /// <summary>The running cell's scope, or a clear error for display calls made outside a notebook.</summary>
    public static ExecutionScope Require() => Current?.Scope
        ?? throw new InvalidOperationException("display(), Display() and DisplayAs() work only inside a running notebook cell.");

    /// <summary>Makes <paramref name="context"/> current for this flow and everything it starts.</summary>
    public static void Enter(CellContext context) => CurrentContext.Value = context;

    public void BeginCell(List<CellOutput> outputs, Action<CellOutput>? onOutput)
    {
        lock (_gate)
        {
            _outputs = outputs;
            _onOutput = onOutput;
        }
    }

    public void EndCell()
    {
        lock (_gate)
        {
            SettleLocked();
            _outputs = null;
            _onOutput = null;
        }
    }

    public DisplayedValue Show(MimeBundle bundle)
    {
        var id = Guid.NewGuid().ToString("N");
        Emit(new DisplayDataOutput(bundle) { DisplayId = id });
        return new DisplayedValue(bundle, id, this);
    }

    /// <summary>Replaces what display <paramref name="displayId"/> shows: in the running cell's outputs if it is there, and for whoever listens.</summary>
    public void Update(string displayId, MimeBundle bundle)
    {
        lock (_gate)
        {
            var index = _outputs?.FindIndex(o => o is DisplayDataOutput d && d.DisplayId == displayId) ?? -1;
            if (index >= 0)
            {
                _outputs![index] = new DisplayDataOutput(bundle) { DisplayId = displayId };
            }
        }
        onUpdate(new UpdateDisplayDataOutput(displayId, bundle));
    }

    /// <summary>A line of input for the running cell's <c>Console.ReadLine()</c>: from the front end, or from this process's own input.</summary>
    public string? ReadInput(CancellationToken cancellationToken) =>
        (readInput ?? StandardInput.ReadLine)("", cancellationToken);

    /// <summary>Adds an output to the running cell; text joins the stream output just before it, as Jupyter does.</summary>
    public void Emit(CellOutput output)
    {
        Action<CellOutput>? onOutput;
        lock (_gate)
        {
            if (_outputs is null)
            {
                return; // written between cells: no cell to hold it
            }
            if (output is StreamOutput s && _outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == s.Name)
            {
                // Text joins the stream before it in a builder: appending is linear, not a copy of
                // everything so far; past the cap, the rest is dropped, once said.
                if (_tail is null)
                {
                    _tail = new StringBuilder(last.Text);
                }
                if (_tail.Length < MaxStreamChars)
                {
                    _tail.Append(s.Text.AsSpan(0, Math.Min(s.Text.Length, MaxStreamChars - _tail.Length)));
                    if (_tail.Length >= MaxStreamChars)
                    {
                        _tail.Append($"\n[output cut at {MaxStreamChars:N0} characters]\n");
                    }
                }
            }
            else
            {
                SettleLocked();
                _outputs.Add(output);
            }
            onOutput = _onOutput;
        }
        onOutput?.Invoke(output);
    }

    /// <summary>The most text one stream output keeps: 4 Mi characters.</summary>
    public const int MaxStreamChars = 4 << 20;

    private StringBuilder? _tail;

    /// <summary>Writes the text gathered for the last stream output into it (before the outputs are read).</summary>
    public void Settle()
    {
        lock (_gate)
        {
            SettleLocked();
        }
    }

    private void SettleLocked()
    {
        if (_tail is not null && _outputs is { Count: > 0 } outputs && outputs[^1] is StreamOutput last)
        {
            outputs[^1] = last with { Text = _tail.ToString() };
        }
        _tail = null;
    }

    /// <summary>Clears the running cell's outputs so far, and tells whoever listens.</summary>
    public void Clear(bool wait)
    {
        Action<CellOutput>? onOutput;
        lock (_gate)
        {
            if (_outputs is null)
            {
                return;
            }
            _tail = null;
            _outputs.Clear();
            onOutput = _onOutput;
        }
        onOutput?.Invoke(new ClearOutputEvent(wait));
    }

    public T Register<T>(T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not (IDisposable or IAsyncDisposable))
        {
            throw new ArgumentException($"{value.GetType().Name} is neither IDisposable nor IAsyncDisposable, so there is nothing to clean up.", nameof(value));
        }
        lock (_gate)
        {
            _disposables.Add(value);
        }
        return value;
    }

    /// <summary>Takes the registered objects, newest first, leaving none behind.</summary>
    public List<object> TakeDisposables()
    {
        lock (_gate)
        {
            var all = Enumerable.Reverse(_disposables).ToList();
            _disposables.Clear();
            return all;
        }
    }
}

/// <summary>What code running for a cell can reach: its kernel's sink, the token that stops it, and the blocking calls it is in.</summary>
internal sealed class CellContext(ExecutionScope scope, CancellationToken token)
{
    public ExecutionScope Scope { get; } = scope;

    public CancellationToken Token { get; } = token;

    public BlockedCalls Blocked { get; } = new();
}
