using System.Text;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Stands in for Console.Out, Console.Error and Console.In once, process-wide: text written by code
/// running for a cell goes to that cell's outputs, and a line it reads comes from the kernel's
/// input (a stop ends the wait); everything else goes to the real console as before.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly Lock InstallGate = new();
    private static bool _installed;

    private readonly TextWriter _original;
    private readonly string _stream;

    private ConsoleRouter(TextWriter original, string stream)
    {
        _original = original;
        _stream = stream;
    }

    public override Encoding Encoding => _original.Encoding;

    public static void Install()
    {
        lock (InstallGate)
        {
            if (_installed)
            {
                return;
            }
            Console.SetOut(new ConsoleRouter(Console.Out, StreamOutput.StandardOutput));
            Console.SetError(new ConsoleRouter(Console.Error, StreamOutput.StandardError));
            StandardInput.Original = Console.In;
            Console.SetIn(new InputRouter(Console.In));
            _installed = true;
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    // One line, one output: WriteLine would otherwise send its text and its newline as two.
    public override void WriteLine(string? value) => Write(value + NewLine);

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (ExecutionScope.Current is { } context)
        {
            context.Scope.Emit(new StreamOutput(_stream, value));
        }
        else
        {
            _original.Write(value);
        }
    }

    public override void Flush()
    {
        if (ExecutionScope.Current is null)
        {
            _original.Flush();
        }
    }

    // A cell that disposes Console.Out must not close the real console.
    protected override void Dispose(bool disposing) => Flush();

    /// <summary>Console.In: a cell's reads go to its kernel's input, line by line; others to the real input.</summary>
    private sealed class InputRouter(TextReader original) : TextReader
    {
        private string? _pending; // what is left of a line Read() took a character from

        public override string? ReadLine()
        {
            if (ExecutionScope.Current is not { } context)
            {
                return original.ReadLine();
            }
            if (_pending is { Length: > 0 } rest)
            {
                _pending = null;
                return rest.TrimEnd('\n');
            }
            return CellBlocking.ReadConsoleLine(context);
        }

        public override int Read()
        {
            if (ExecutionScope.Current is not { } context)
            {
                return original.Read();
            }
            if (_pending is not { Length: > 0 })
            {
                _pending = CellBlocking.ReadConsoleLine(context) is { } line ? line + "\n" : null;
            }
            if (_pending is not { Length: > 0 } text)
            {
                return -1;
            }
            _pending = text[1..];
            return text[0];
        }

        public override int Peek() =>
            ExecutionScope.Current is null ? original.Peek() : _pending is { Length: > 0 } text ? text[0] : -1;

        protected override void Dispose(bool disposing)
        {
            // A cell that disposes Console.In must not close the real input.
        }
    }
}
