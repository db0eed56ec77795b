using System.Runtime.InteropServices;
using NetworkingLessons.Cli;

// Ctrl+C (or SIGTERM) once: cancel the running cell and let the run write its copies and summary.
// Twice: stop at once.
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (!cancel.IsCancellationRequested)
    {
        context.Cancel = true;
        cancel.Cancel();
    }
}
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
return await LessonsCommand.RunAsync(args, cancel.Token);
