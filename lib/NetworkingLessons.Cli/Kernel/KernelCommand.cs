using NetworkingLessons.Kernel.Core;
using NetworkingLessons.Kernel.Interpreter;
using NetworkingLessons.Kernel.Messaging;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Cli.Kernel;

/// <summary>
/// <c>lessons kernel CONNECTION_FILE</c>: the course's Jupyter kernel, as kernel.json starts it.
/// Binds the connection file's five sockets and serves until a front end asks it to shut down
/// (or SIGTERM). Problems with peers go to standard error, which front ends keep as the kernel's log.
/// </summary>
internal static class KernelCommand
{
    /// <summary>What the kernel was started with.</summary>
    public sealed record Settings(string ConnectionFile, TimeSpan CellTimeout);

    public static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        ConnectionInfo info;
        try
        {
            info = ConnectionInfo.Load(settings.ConnectionFile);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"lessons kernel: {(ex is FormatException ? ex.Message : $"{settings.ConnectionFile}: {ex.Message}")}");
            return 1;
        }
        // Lesson 16's notebook reads it to show the very connection file it runs under.
        Environment.SetEnvironmentVariable(CourseVariables.ConnectionFile, Path.GetFullPath(settings.ConnectionFile));
        var log = TextWriter.Synchronized(Console.Error);
        var interpreter = new NotebookInterpreter(new KernelOptions
        {
            BaseDirectory = Environment.CurrentDirectory,
            NotebookName = "kernel",
            CellTimeout = settings.CellTimeout,
        });
        JupyterKernel kernel;
        try
        {
            kernel = JupyterKernel.Start(info, interpreter, log: log.WriteLine);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            await interpreter.DisposeAsync();
            await Console.Error.WriteLineAsync($"lessons kernel: cannot listen on {info.Ip} (ports {info.ShellPort}, {info.IopubPort}, {info.StdinPort}, {info.ControlPort}, {info.HeartbeatPort}): {ex.Message}");
            return 1;
        }
        await using (kernel)
        {
            try
            {
                await kernel.ShutdownRequested.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or SIGINT: the front end (or the user) ends the kernel without a message.
            }
        }
        return 0;
    }
}
