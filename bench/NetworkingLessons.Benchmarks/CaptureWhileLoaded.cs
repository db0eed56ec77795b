using NetworkingLessons.Wire;

namespace NetworkingLessons.Benchmarks;

/// <summary>
/// Runs a capture of one port for a while, with limits high enough not to stop it, while
/// bench/capture-overhead.sh loads that port: the second half of "echo round trips per second,
/// with and without a capture running".
/// </summary>
internal static class CaptureWhileLoaded
{
    public static int Run(int port, double seconds)
    {
        var capture = Wire.Wire.Capture([port], new CaptureLimits(MaxPackets: 1_000_000, MaxBytes: 1L << 30, MaxDuration: TimeSpan.FromSeconds(seconds)));
        if (capture.Problem is not null)
        {
            Console.Error.WriteLine(capture.Problem);
            return 1;
        }
        Console.WriteLine("capturing");
        Console.Out.Flush();
        while (capture.IsCapturing)
        {
            Thread.Sleep(100); // a bench driver, not a test: it waits for the capture's own time limit
        }
        Console.WriteLine($"captured {capture.Packets.Count} packets; stopped because {capture.StoppedBecause}");
        return 0;
    }
}
