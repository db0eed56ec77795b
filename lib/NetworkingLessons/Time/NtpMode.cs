namespace NetworkingLessons.Time;

/// <summary>The association mode in the low three bits of an NTP packet's first byte (RFC 5905 §7.3).</summary>
public enum NtpMode
{
    /// <summary>0: reserved.</summary>
    Reserved = 0,
    /// <summary>1: symmetric active.</summary>
    SymmetricActive = 1,
    /// <summary>2: symmetric passive.</summary>
    SymmetricPassive = 2,
    /// <summary>3: a client's request.</summary>
    Client = 3,
    /// <summary>4: a server's reply.</summary>
    Server = 4,
    /// <summary>5: broadcast.</summary>
    Broadcast = 5,
    /// <summary>6: an NTP control message.</summary>
    Control = 6,
    /// <summary>7: reserved for private use.</summary>
    Private = 7,
}

/// <summary>The leap indicator in the top two bits of an NTP packet's first byte (RFC 5905 §7.3).</summary>
public enum LeapIndicator
{
    /// <summary>0: no leap second today.</summary>
    NoWarning = 0,
    /// <summary>1: the last minute of the day has 61 seconds.</summary>
    LastMinuteHas61Seconds = 1,
    /// <summary>2: the last minute of the day has 59 seconds.</summary>
    LastMinuteHas59Seconds = 2,
    /// <summary>3: the server's clock is not synchronised; do not trust its time.</summary>
    Unsynchronized = 3,
}
