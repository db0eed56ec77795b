using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/NetworkingLessons.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point holder.</summary>
public partial class Program;
