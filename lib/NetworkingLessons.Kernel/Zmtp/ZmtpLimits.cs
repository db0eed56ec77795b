namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>What a ZMTP socket accepts from a peer before it drops the connection.</summary>
public sealed record ZmtpLimits
{
    /// <summary>The largest frame body, checked before the body is allocated. 64 MiB by default.</summary>
    public long MaxFrameBytes { get; init; } = 64L << 20;

    /// <summary>The most bytes in one multipart message, all frames together. 256 MiB by default.</summary>
    public long MaxMessageBytes { get; init; } = 256L << 20;

    /// <summary>The most frames in one message. 4096 by default.</summary>
    public int MaxFramesPerMessage { get; init; } = 4096;

    /// <summary>How long a peer has to send its greeting and READY.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages queued for one slow peer before new ones to it are dropped (libzmq's high-water mark is 1000).</summary>
    public int SendQueueLength { get; init; } = 10_000;
}
