using System.Diagnostics;
using System.Globalization;
using System.Net;
using NetworkingLessons.Time;

namespace NetworkingLessons.Benchmarks;

/// <summary>
/// Times <c>SntpClient.QueryAsync</c> one query after another against a server on loopback,
/// for bench/sntp-client.sh, which times the tutorials' Python client the same way in the same run:
/// from before the request is built to the reply checked, in microseconds.
/// </summary>
internal static class SntpRoundTrips
{
    public static int Run(IPEndPoint server, int count)
    {
        for (var i = 0; i < 50; i++)
        {
            _ = SntpClient.QueryAsync(server).GetAwaiter().GetResult(); // warm up: JIT and tiering
        }
        var micros = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = SntpClient.QueryAsync(server).GetAwaiter().GetResult();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(micros);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"course queries={count} median_us={micros[count / 2]:F1} p99_us={micros[count * 99 / 100]:F1}"));
        return 0;
    }
}
