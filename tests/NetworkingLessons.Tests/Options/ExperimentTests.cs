using System.Net.Sockets;
using NetworkingLessons.Options;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Options;

public sealed class ExperimentTests
{
    [Fact]
    public void Nagle_WithoutNoDelay_HasTheLongerMedian()
    {
        var withNagle = NagleExperiment.Median(NagleExperiment.Measure(noDelay: false, rounds: 10));
        var withoutNagle = NagleExperiment.Median(NagleExperiment.Measure(noDelay: true, rounds: 10));

        // The ordering is the claim; the size of the gap depends on the system's delayed-ACK timer.
        Assert.True(withNagle > withoutNagle, $"Nagle on: {withNagle} ms; TCP_NODELAY: {withoutNagle} ms");
    }

    [Fact]
    public void Nagle_Measure_TimesEveryRoundAndConfiguresTheClient()
    {
        using var pair = ConnectedPair.Tcp();
        Socket? configured = null;

        var times = NagleExperiment.Measure(pair, s => { configured = s; s.NoDelay = true; }, 5);

        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.True(t > 0));
        Assert.Same(pair.Client, configured);
    }

    [Fact]
    public void Nagle_Measure_PeerGone_Throws()
    {
        using var pair = ConnectedPair.Tcp();
        pair.Server.LingerState = new LingerOption(true, 0);
        pair.Server.Close();

        Assert.Throws<SocketException>(() => NagleExperiment.Measure(pair, _ => { }, 5));
    }

    [Fact]
    public void Nagle_Measure_PeerEndsTheStream_ReturnsTheRoundsSoFar()
    {
        using var pair = ConnectedPair.Tcp();
        pair.Server.Shutdown(SocketShutdown.Send);

        var times = NagleExperiment.Measure(pair, _ => { }, 1);

        // The server's reply cannot be sent after its shutdown, so the client reads the end of the stream.
        Assert.Empty(times);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Nagle_Measure_RoundsOutOfRange_Throws(int rounds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NagleExperiment.Measure(true, rounds));
    }

    [Fact]
    public void Nagle_Measure_NoPairOrConfigure_Throws()
    {
        using var pair = ConnectedPair.Tcp();
        Assert.Throws<ArgumentNullException>(() => NagleExperiment.Measure(null!, _ => { }, 1));
        Assert.Throws<ArgumentNullException>(() => NagleExperiment.Measure(pair, null!, 1));
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 2.0, 3.0 }, 2.5)]
    public void Median_IsTheMiddleOfTheSortedTimes(double[] times, double expected)
    {
        Assert.Equal(expected, NagleExperiment.Median(times));
    }

    [Fact]
    public void Median_NoTimes_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => NagleExperiment.Median([]));
        Assert.StartsWith("No times to take the median of.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("times", ex.ParamName);
        Assert.Throws<ArgumentNullException>(() => NagleExperiment.Median(null!));
    }

    [Fact]
    public void Restart_WithReuseAddress_BindsWhileTheOldConnectionIsInTimeWait()
    {
        var outcome = RestartExperiment.Restart(reuseAddress: true);

        Assert.True(outcome.TimeWait);
        Assert.True(outcome.ReuseAddress);
        Assert.Null(outcome.Error);
        Assert.StartsWith("listening on port", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restart_WithoutReuseAddress_BindsToo_BecauseDotNetsBindSetsSoReuseAddr()
    {
        var outcome = RestartExperiment.Restart(reuseAddress: false);

        Assert.True(outcome.TimeWait);
        Assert.False(outcome.ReuseAddress);
        // On Linux and macOS, .NET's Bind sets the kernel's SO_REUSEADDR on every TCP socket
        // (a plain bind(2), as Python's, gets EADDRINUSE here).
        Assert.Null(outcome.Error);
        Assert.StartsWith("listening on port", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondServer_WithoutReuseAddress_IsRefused()
    {
        var outcome = RestartExperiment.SecondServer(reuseAddress: false);

        Assert.Equal(new RestartExperiment.SecondServerOutcome(false, SocketError.AddressAlreadyInUse, outcome.Message), outcome);
        Assert.Contains("in use", outcome.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SecondServer_WithReuseAddressOnBoth_SharesThePort()
    {
        var outcome = RestartExperiment.SecondServer(reuseAddress: true);

        Assert.True(outcome.ReuseAddress);
        Assert.Null(outcome.Error); // ReuseAddress sets SO_REUSEPORT too on Linux
        Assert.Matches("^a second server listening on port [0-9]+ too$", outcome.Message);
    }
}
