using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Notebooks.Tests.Execution;

public sealed class CellThreadTests
{
    private static readonly AsyncLocal<string?> Marker = new();

    [Fact]
    public async Task Run_StartsEveryCellOnOneThreadOfItsOwn()
    {
        var cells = new CellThread();
        var caller = Environment.CurrentManagedThreadId;

        var first = await cells.Run(() => Task.FromResult(Environment.CurrentManagedThreadId));
        var second = await cells.Run(() => Task.FromResult(Environment.CurrentManagedThreadId));
        cells.Stop();

        Assert.NotEqual(caller, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Run_CompletesAsTheStartedTaskDoes()
    {
        var cells = new CellThread();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = cells.Run(() => release.Task);
        Assert.False(running.IsCompleted);
        release.SetResult(42);

        Assert.Equal(42, await running.WaitAsync(TimeSpan.FromSeconds(10)));
        cells.Stop();
    }

    [Fact]
    public async Task Run_ThrowingBeforeItsTask_FaultsThatRunOnly()
    {
        var cells = new CellThread();

        var failing = cells.Run<int>(() => throw new InvalidOperationException("before any await"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var next = await cells.Run(() => Task.FromResult(1));
        cells.Stop();

        Assert.Equal("before any await", error.Message);
        Assert.Equal(1, next);
    }

    [Fact]
    public async Task Run_SeesTheCallersAsyncLocals_AndWhatACellSetsDoesNotReachTheNext()
    {
        var cells = new CellThread();
        Marker.Value = "caller";

        var seen = await cells.Run(() =>
        {
            var before = Marker.Value;
            Marker.Value = "first cell";
            return Task.FromResult(before);
        });
        Marker.Value = null;
        var seenNext = await cells.Run(() => Task.FromResult(Marker.Value));
        cells.Stop();

        Assert.Equal("caller", seen);
        Assert.Null(seenNext);
    }
}
