namespace NetworkingLessons.Wire;

/// <summary>What a checksum check found.</summary>
public enum ChecksumState
{
    /// <summary>The stored checksum is the right one.</summary>
    Correct,
    /// <summary>The stored checksum is wrong.</summary>
    Incorrect,
    /// <summary>
    /// The stored value is only the pseudo-header's sum: the kernel left the rest to the network
    /// card (checksum offload), and loopback has no card, so it is never finished. Linux loopback
    /// captures always look like this; tcpdump calls them "incorrect".
    /// </summary>
    Offloaded,
    /// <summary>No checksum (a UDP checksum of 0 over IPv4 means "not used").</summary>
    NotUsed,
    /// <summary>The packet was cut short by the capture, so the checksum cannot be checked.</summary>
    Unchecked,
}

/// <summary>A header's checksum: the one stored, the one the bytes should have, and which case it is.</summary>
/// <param name="Stored">The value in the header.</param>
/// <param name="Computed">The value the header and data should have.</param>
/// <param name="State">Whether they agree, and why not.</param>
public sealed record Checksum(ushort Stored, ushort Computed, ChecksumState State)
{
    /// <summary>"0xfe30 (correct)", "0xfe30 (offloaded: would be 0x5fd7)", as tcpdump writes it.</summary>
    public override string ToString() => State switch
    {
        ChecksumState.Correct => $"0x{Stored:x4} (correct)",
        ChecksumState.Offloaded => $"0x{Stored:x4} (offloaded, unfinished: would be 0x{Computed:x4})",
        ChecksumState.Incorrect => $"0x{Stored:x4} (incorrect: should be 0x{Computed:x4})",
        ChecksumState.NotUsed => "0x0000 (not used)",
        _ => $"0x{Stored:x4} (not checked: the capture cut the packet short)",
    };
}
