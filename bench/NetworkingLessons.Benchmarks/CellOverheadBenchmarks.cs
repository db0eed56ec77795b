using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Benchmarks;

/// <summary>
/// What one small cell costs after the first, in a notebook of lesson size (20 cells after a
/// first one): raw Roslyn scripting, the baseline that the .NET Interactive C# kernel also pays,
/// against our kernel, which adds debug information for line numbers, the whole shared framework
/// as references, loop guards, output capture, a thread per cell, the timeout and error mapping.
/// A chain of cells gets slower as it grows (each submission binds against all before it), so a
/// fresh chain is started for every iteration.
/// </summary>
[Config(typeof(ColdAndWarm))]
public class CellOverheadBenchmarks
{
    private const int CellsPerNotebook = 20;

    /// <summary>
    /// Two jobs in one process: "cold" is a few iterations, as when one lesson runs in a fresh
    /// process and Roslyn's own code is not yet optimised; "warm" is the steady state.
    /// </summary>
    private sealed class ColdAndWarm : ManualConfig
    {
        public ColdAndWarm()
        {
            AddJob(Job.Dry.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(3).WithIterationCount(15)
                .WithToolchain(InProcessEmitToolchain.Instance).WithId("cold"));
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("warm"));
            AddColumn(StatisticColumn.Median);
        }
    }
    private const string Cell = "var y = x + 1;\ny";

    private ScriptState<object> _roslyn = null!;
    private NotebookKernel _kernel = null!;

    [IterationSetup(Target = nameof(Roslyn))]
    public void StartRoslyn() => _roslyn = CSharpScript.RunAsync<object>("var x = 41;", ScriptOptions.Default).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Kernel))]
    public void StartKernel()
    {
        _kernel = new NotebookKernel();
        _kernel.SubmitAsync("var x = 41;", 1).GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(Kernel))]
    public void StopKernel() => _kernel.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = CellsPerNotebook, Description = "Roslyn ContinueWithAsync, per cell")]
    public async Task<object> Roslyn()
    {
        var state = _roslyn;
        for (var i = 0; i < CellsPerNotebook; i++)
        {
            state = await state.ContinueWithAsync<object>(Cell);
        }
        return state.ReturnValue;
    }

    [Benchmark(OperationsPerInvoke = CellsPerNotebook, Description = "NotebookKernel.SubmitAsync, per cell")]
    public async Task<object> Kernel()
    {
        CellRun? run = null;
        for (var i = 0; i < CellsPerNotebook; i++)
        {
            run = await _kernel.SubmitAsync(Cell, i + 2);
        }
        return run!;
    }
}
