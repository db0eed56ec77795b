using BenchmarkDotNet.Running;
using NetworkingLessons.Benchmarks;

// dotnet run -c Release --project bench/NetworkingLessons.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/NetworkingLessons.Benchmarks -- capture PORT SECONDS   (for bench/capture-overhead.sh)
// dotnet run -c Release --project bench/NetworkingLessons.Benchmarks -- sntp ADDRESS:PORT COUNT  (for bench/sntp-client.sh)
if (args is ["capture", var port, var seconds])
{
    return CaptureWhileLoaded.Run(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
}
if (args is ["sntp", var server, var count])
{
    return SntpRoundTrips.Run(System.Net.IPEndPoint.Parse(server), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point holder.</summary>
public partial class Program;
