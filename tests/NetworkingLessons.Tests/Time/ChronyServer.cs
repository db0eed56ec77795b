using System.Diagnostics;
using System.Net;
using NetworkingLessons.TestSupport;
using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

/// <summary>
/// Debian's chronyd serving its local clock on 127.0.0.123:123 (loopback only: no sources, no
/// control of the clock, no command port), started for a test and killed after it.
/// </summary>
internal sealed class ChronyServer : IAsyncDisposable
{
    public static readonly IPEndPoint EndPoint = new(IPAddress.Parse("127.0.0.123"), NtpPacket.Port);

    private readonly Process _process;
    private readonly TempFolder _folder;

    private ChronyServer(Process process, TempFolder folder)
    {
        _process = process;
        _folder = folder;
    }

    public static async Task<ChronyServer> StartAsync()
    {
        var folder = new TempFolder("chrony");
        File.WriteAllText(folder["chrony.conf"], $"""
            port {EndPoint.Port}
            bindaddress {EndPoint.Address}
            cmdport 0
            local stratum 3
            allow 127.0.0.0/8
            driftfile {folder["drift"]}
            pidfile {folder["chronyd.pid"]}
            """);
        var start = new ProcessStartInfo(Peers.Chronyd!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-d", "-x", "-f", folder["chrony.conf"] })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var server = new ChronyServer(process, folder);
        // Ready when it answers; chronyd serves its local clock as soon as it is up.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await SntpClient.QueryAsync(EndPoint, TimeSpan.FromMilliseconds(200), attempts: 1);
                return server;
            }
            catch (SntpException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (SntpException ex)
            {
                var log = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
                await server.DisposeAsync();
                throw new InvalidOperationException($"chronyd did not answer on {EndPoint}: {ex.Message} {log}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _folder.Dispose();
    }
}
