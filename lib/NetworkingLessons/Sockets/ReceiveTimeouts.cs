using System.Diagnostics;
using System.Net.Sockets;

namespace NetworkingLessons.Sockets;

/// <summary>
/// How long a receive with a timeout really waits before it gives up: a peer that never sends,
/// a socket with <see cref="Socket.ReceiveTimeout"/> set, and a stopwatch around each try.
/// </summary>
public static class ReceiveTimeouts
{
    /// <summary>Times <paramref name="tries"/> receives that each time out after <paramref name="timeout"/>; returns each wait in milliseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is under 1 ms or over 10 s, or the tries are not 1 to 1,000.</exception>
    public static IReadOnlyList<double> Measure(TimeSpan timeout, int tries)
    {
        if (timeout < TimeSpan.FromMilliseconds(1) || timeout > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Measure timeouts from 1 ms to 10 s.");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tries, 1000);
        using var pair = ConnectedPair.Tcp();
        pair.Client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        var buffer = new byte[16];
        var waits = new List<double>(tries);
        for (var i = 0; i < tries; i++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                pair.Client.Receive(buffer);
                throw new InvalidOperationException("The silent peer sent something.");
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
                waits.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return waits;
    }
}
