using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Sockets;

public sealed class ReceiveTimeoutsTests
{
    [Fact]
    public void Measure_EachWait_IsTheTimeoutWithinTwentyPercent()
    {
        var timeout = TimeSpan.FromMilliseconds(250);

        var waits = ReceiveTimeouts.Measure(timeout, 5);

        Assert.Equal(5, waits.Count);
        // A receive timeout never fires early (allowing 2% for the clock), and the typical wait is within 20% of it.
        Assert.All(waits, w => Assert.True(w >= timeout.TotalMilliseconds * 0.98, $"waited {w} ms, less than {timeout.TotalMilliseconds} ms"));
        var median = waits.Order().ElementAt(waits.Count / 2);
        Assert.InRange(median, timeout.TotalMilliseconds * 0.98, timeout.TotalMilliseconds * 1.2);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(11_000, 1)]
    [InlineData(10, 0)]
    [InlineData(10, 1001)]
    public void Measure_OutOfRange_Throws(int milliseconds, int tries)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiveTimeouts.Measure(TimeSpan.FromMilliseconds(milliseconds), tries));
    }

    [Fact]
    public void Measure_TheLimits_AreAllowed()
    {
        Assert.Single(ReceiveTimeouts.Measure(TimeSpan.FromMilliseconds(1), 1));
    }

    [Theory]
    [InlineData(0.9, 1, "timeout", "Measure timeouts from 1 ms to 10 s.")]
    [InlineData(10_001, 1, "timeout", "Measure timeouts from 1 ms to 10 s.")]
    [InlineData(5, 0, "tries", "")]
    [InlineData(5, 1001, "tries", "")]
    public void Measure_JustOutOfRange_NamesTheArgument(double milliseconds, int tries, string parameter, string message)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ReceiveTimeouts.Measure(TimeSpan.FromMilliseconds(milliseconds), tries));

        Assert.Equal(parameter, ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }
}
