using System.Net;
using NetworkingLessons.Course;
using NetworkingLessons.Hosts;

namespace NetworkingLessons.Time;

/// <summary>
/// "A time server" for a lesson: online, the public pool (pool.ntp.org), if it answers within a
/// short timeout; offline, or when the pool cannot be reached, the course's own SNTP server on
/// loopback, started once per process. Which one it is, and why, is in <see cref="TimeServer.Note"/>.
/// </summary>
public static class TimeServers
{
    /// <summary>The public pool the tutorials ask (they use 0.cn.pool.ntp.org, a zone of it).</summary>
    public const string PublicName = "pool.ntp.org";

    /// <summary>How long the pool may take, name lookup and first answer together, before the embedded server stands in.</summary>
    public static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(2);

    private static readonly Lazy<SntpServer> Shared = new(() => SntpServer.Start(options: new SntpServerOptions { Burst = 30, RequestsPerSecond = 10 }));

    /// <summary>The course's SNTP server on 127.0.0.1, shared by the lessons of this process; started on first use.</summary>
    public static SntpServer Embedded => Shared.Value;

    /// <summary>Finds a time server: the pool online, the embedded server otherwise.</summary>
    public static Task<TimeServer> FindAsync(CancellationToken cancellationToken = default) =>
        CourseEnvironment.IsOffline ? Task.FromResult(Standing("offline")) : FindAsync(PublicName, NtpPacket.Port, HostsFile.Load(), cancellationToken);

    /// <summary>Asks the time servers <paramref name="name"/> names (looked up online, or in <paramref name="hosts"/> offline) on <paramref name="port"/>, and stands the embedded server in if none answers.</summary>
    internal static async Task<TimeServer> FindAsync(string name, int port, HostsFile hosts, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(LiveTimeout);
        try
        {
            var entry = await Resolver.LookupAsync(name, hosts, LiveTimeout, deadline.Token);
            var endPoints = entry.IPv4.Select(a => new IPEndPoint(a, port)).ToList();
            if (endPoints.Count == 0)
            {
                return Standing($"{name} has no IPv4 address here");
            }
            var first = await SntpClient.QueryAsync(endPoints[0], TimeSpan.FromSeconds(1), attempts: 1, deadline.Token);
            return new TimeServer(name, endPoints, isEmbedded: false,
                $"Using {name} ({endPoints[0].Address}, one of {endPoints.Count} servers it named), a public server on the internet.", first);
        }
        catch (HostLookupException ex)
        {
            return Standing($"{name} could not be looked up ({ex.Message})");
        }
        catch (SntpException ex)
        {
            return Standing($"{name} did not answer ({ex.Message})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Standing($"{name} did not answer within {LiveTimeout.TotalSeconds:0} s");
        }
    }

    private static TimeServer Standing(string why) =>
        new("the course's SNTP server", [Embedded.EndPoint], isEmbedded: true,
            $"Using the course's own SNTP server on {Embedded.EndPoint}: {why}.", null);
}
