namespace NetworkingLessons.TestSupport;

/// <summary>Waiting for something to come true, up to a timeout, instead of sleeping for a guess.</summary>
public static class Condition
{
    /// <summary>Waits until <paramref name="condition"/> holds, checking every millisecond; fails the test if it does not within <paramref name="timeout"/>.</summary>
    /// <param name="condition">What must come true.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="state">What to show in the failure: what was awaited, or a server's log.</param>
    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string>? state = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1);
        }
        Assert.True(condition(), state is null ? "the condition did not come true in time" : $"the condition did not come true in time:\n{state()}");
    }
}
