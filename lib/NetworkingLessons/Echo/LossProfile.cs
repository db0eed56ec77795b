namespace NetworkingLessons.Echo;

/// <summary>
/// What a <see cref="LossyRelay"/> does to the datagrams it passes: the share it drops, doubles
/// and holds back past the next one, and a delay for all it forwards. Seeded, so that a lesson
/// run twice loses the same datagrams.
/// </summary>
public sealed record LossProfile
{
    /// <summary>The share of datagrams dropped, 0 to 1.</summary>
    public double Drop { get; init; }

    /// <summary>The share sent twice.</summary>
    public double Duplicate { get; init; }

    /// <summary>The share held back and sent after the next datagram in the same direction.</summary>
    public double Reorder { get; init; }

    /// <summary>How long every forwarded datagram waits before it goes on, 0 to 10 s.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The seed of the relay's random choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A relay that passes everything at once.</summary>
    public static LossProfile None => new();

    internal void Validate()
    {
        foreach (var (name, share) in new[] { (nameof(Drop), Drop), (nameof(Duplicate), Duplicate), (nameof(Reorder), Reorder) })
        {
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                throw new ArgumentOutOfRangeException(name, share, $"{name} is a share of the datagrams, from 0 to 1.");
            }
        }
        if (Drop + Duplicate + Reorder > 1)
        {
            throw new ArgumentException($"Drop, Duplicate and Reorder are shares of the same datagrams and add up to at most 1; these add up to {Drop + Duplicate + Reorder}.");
        }
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Delay), Delay, "The relay's delay is 0 to 10 s.");
        }
    }
}
