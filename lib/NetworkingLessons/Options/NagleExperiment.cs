using System.Diagnostics;
using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Options;

/// <summary>
/// The exchange where Nagle's algorithm and delayed ACKs stall each other: the client writes a
/// small header, then a small body, then waits for a one-byte reply that the server sends once it
/// has both. With Nagle on, the body waits for the header's ACK; the server delays that ACK,
/// hoping to send it with a reply it cannot write until the body comes.
/// </summary>
public static class NagleExperiment
{
    /// <summary>The size of each of the two writes.</summary>
    public const int WriteSize = 16;

    /// <summary>Times <paramref name="rounds"/> write-write-read round trips on a fresh loopback connection; returns each in milliseconds.</summary>
    /// <param name="noDelay">TCP_NODELAY on the client: Nagle off.</param>
    /// <param name="rounds">How many round trips, 1 to 200.</param>
    public static IReadOnlyList<double> Measure(bool noDelay, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rounds, 200);
        using var pair = ConnectedPair.Tcp();
        return Measure(pair, client => client.NoDelay = noDelay, rounds);
    }

    /// <summary>Times write-write-read round trips on <paramref name="pair"/>, after <paramref name="configure"/> has set up its client.</summary>
    /// <exception cref="SocketException">The connection broke during the measurement.</exception>
    public static IReadOnlyList<double> Measure(ConnectedPair pair, Action<Socket> configure, int rounds)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(configure);
        configure(pair.Client);
        var server = Task.Run(() =>
        {
            var request = new byte[2 * WriteSize];
            try
            {
                for (var i = 0; i < rounds && TryReceiveExactly(pair.Server, request); i++)
                {
                    pair.Server.Send([1]);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The client's side reports the broken connection.
            }
        });
        var header = new byte[WriteSize];
        var body = new byte[WriteSize];
        var reply = new byte[1];
        var times = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            pair.Client.Send(header);
            pair.Client.Send(body);
            if (pair.Client.Receive(reply) != 1)
            {
                break;
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        server.Wait(TimeSpan.FromSeconds(30));
        return times;
    }

    private static bool TryReceiveExactly(Socket socket, byte[] buffer)
    {
        for (var received = 0; received < buffer.Length;)
        {
            var n = socket.Receive(buffer, received, buffer.Length - received, SocketFlags.None);
            if (n == 0)
            {
                return false;
            }
            received += n;
        }
        return true;
    }

    /// <summary>The median of <paramref name="times"/>.</summary>
    public static double Median(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0)
        {
            throw new ArgumentException("No times to take the median of.", nameof(times));
        }
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
