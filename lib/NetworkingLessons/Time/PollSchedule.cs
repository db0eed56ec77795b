using System.Collections.Concurrent;
using System.Net;

namespace NetworkingLessons.Time;

/// <summary>
/// When each server may next be asked, for the whole process: RFC 4330 §10's minimum poll
/// interval for servers beyond this machine, the hold-off a RATE kiss asks for, and the servers
/// that answered DENY or RSTR, which are never asked again. Loopback servers are the course's
/// own and may be asked as often as a lesson needs, unless they kiss.
/// </summary>
internal sealed class PollSchedule(Func<DateTime> clock)
{
    private readonly ConcurrentDictionary<IPEndPoint, DateTime> _next = new();
    private readonly ConcurrentDictionary<IPEndPoint, string> _denied = new();

    public static PollSchedule Shared { get; } = new(() => DateTime.UtcNow);

    /// <summary>Throws when <paramref name="server"/> may not be asked yet; otherwise books the query.</summary>
    public void Book(IPEndPoint server)
    {
        if (_denied.TryGetValue(server, out var code))
        {
            throw new SntpException(SntpProblem.Denied, server,
                $"{server} answered with the kiss code {code}: it will not serve this client, and RFC 4330 says not to ask it again.", code);
        }
        var now = clock();
        if (_next.TryGetValue(server, out var next) && now < next)
        {
            throw new SntpException(SntpProblem.TooSoon, server, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{server} may be asked again in {(next - now).TotalSeconds:0.0} s: RFC 4330 §10 allows a client one query per {SntpClient.MinimumPollInterval.TotalSeconds:0} s to a server, longer after a RATE kiss."));
        }
        if (!IPAddress.IsLoopback(server.Address))
        {
            _next[server] = now + SntpClient.MinimumPollInterval;
        }
    }

    /// <summary>Forgets what is known of <paramref name="server"/>: the course started a new server there, and what an old one asked no longer holds.</summary>
    public void Forget(IPEndPoint server)
    {
        _next.TryRemove(server, out _);
        _denied.TryRemove(server, out _);
    }

    /// <summary>Records a Kiss-o'-Death: RATE holds the server off for twice the minimum interval; DENY and RSTR end its service.</summary>
    public void Kissed(IPEndPoint server, string code)
    {
        if (code is "DENY" or "RSTR")
        {
            _denied[server] = code;
        }
        else if (code == "RATE")
        {
            _next[server] = clock() + 2 * SntpClient.MinimumPollInterval;
        }
    }
}
