using System.Net;

namespace NetworkingLessons.Time;

/// <summary>
/// A token bucket per client address: <c>burst</c> requests at once, then <c>perSecond</c>. Over the
/// limit, a client is kissed at most once a second and dropped otherwise (a kiss is itself a
/// reply, and a flood must not be answered with a flood). At most <see cref="MaxClients"/>
/// addresses are remembered; the longest idle are forgotten first.
/// </summary>
internal sealed class RateLimiter(int burst, double perSecond)
{
    public const int MaxClients = 4096;

    public enum Verdict { Serve, Kiss, Drop }

    private sealed class Bucket
    {
        public double Tokens;
        public DateTime Updated;
        public DateTime LastKiss = DateTime.MinValue;
    }

    private readonly Dictionary<IPAddress, Bucket> _buckets = [];
    private readonly Lock _lock = new();

    public Verdict Admit(IPAddress client, DateTime now)
    {
        lock (_lock)
        {
            if (!_buckets.TryGetValue(client, out var bucket))
            {
                if (_buckets.Count >= MaxClients)
                {
                    _buckets.Remove(_buckets.MinBy(b => b.Value.Updated).Key);
                }
                bucket = new Bucket { Tokens = burst, Updated = now };
                _buckets[client] = bucket;
            }
            bucket.Tokens = Math.Min(burst, bucket.Tokens + (now - bucket.Updated).TotalSeconds * perSecond);
            bucket.Updated = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return Verdict.Serve;
            }
            if (now - bucket.LastKiss >= TimeSpan.FromSeconds(1))
            {
                bucket.LastKiss = now;
                return Verdict.Kiss;
            }
            return Verdict.Drop;
        }
    }
}
