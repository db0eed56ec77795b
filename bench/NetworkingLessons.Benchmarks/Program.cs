using BenchmarkDotNet.Running;
using NetworkingLessons.Benchmarks;

// dotnet run -c Release --project bench/NetworkingLessons.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/NetworkingLessons.Benchmarks -- capture PORT SECONDS   (for bench/capture-overhead.sh)
if (args is ["capture", var port, var seconds])
{
    return CaptureWhileLoaded.Run(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point holder.</summary>
public partial class Program;
