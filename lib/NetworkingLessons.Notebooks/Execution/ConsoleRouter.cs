using System.Text;
using NetworkingLessons.Notebooks.Documents;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Stands in for Console.Out and Console.Error once, process-wide: text written by code running for
/// a cell goes to that cell's outputs; everything else goes to the real console as before.
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
            _installed = true;
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

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
}
