using System.Text.Json.Nodes;

namespace NetworkingLessons.Kernel.Core;

/// <summary>
/// What runs behind the protocol (xeus's interpreter): it executes code and answers questions
/// about code. <see cref="JupyterKernel"/> owns the sockets, the messages, busy and idle, the
/// execution count, history and the queue; the interpreter knows nothing of them.
/// </summary>
public interface IKernelInterpreter : IAsyncDisposable
{
    /// <summary>kernel_info's language_info: name, version, mimetype, file_extension and the editor modes.</summary>
    JsonObject LanguageInfo { get; }

    /// <summary>The implementation's name and version, and a banner, for kernel_info.</summary>
    (string Name, string Version, string Banner) Implementation { get; }

    /// <summary>
    /// Runs code, sending what it produces to <paramref name="output"/> as it happens. Cancelling
    /// <paramref name="cancellationToken"/> is the interrupt: it stops the code, wherever it is.
    /// </summary>
    /// <returns>How it ended; an error has already been sent to <paramref name="output"/>.</returns>
    Task<ExecuteOutcome> ExecuteAsync(ExecuteRequest request, IExecutionOutput output, CancellationToken cancellationToken);

    /// <summary>Completions for the code at <paramref name="cursor"/> (a character offset).</summary>
    CompletionResult Complete(string code, int cursor);

    /// <summary>What is known of the name at <paramref name="cursor"/>, or null when nothing is.</summary>
    string? Inspect(string code, int cursor);

    /// <summary>Whether the code is ready to run ("complete"), needs more lines ("incomplete") or cannot run ("invalid").</summary>
    string IsComplete(string code);
}
