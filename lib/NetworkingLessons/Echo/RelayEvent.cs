using System.Net;

namespace NetworkingLessons.Echo;

/// <summary>Which way a datagram went through a <see cref="LossyRelay"/>.</summary>
public enum RelayDirection
{
    /// <summary>From a client to the server.</summary>
    ToServer,
    /// <summary>From the server back to a client.</summary>
    ToClient,
}

/// <summary>What a <see cref="LossyRelay"/> did with a datagram.</summary>
public enum RelayFate
{
    /// <summary>Passed on once.</summary>
    Forwarded,
    /// <summary>Thrown away.</summary>
    Dropped,
    /// <summary>Passed on twice.</summary>
    Duplicated,
    /// <summary>Held back, and passed on after the next datagram going the same way.</summary>
    Reordered,
}

/// <summary>One datagram through the relay: its number in arrival order, its direction, sender, size, fate and first bytes as text.</summary>
public sealed record RelayEvent(int Number, RelayDirection Direction, IPEndPoint From, int Length, RelayFate Fate, string Preview);
