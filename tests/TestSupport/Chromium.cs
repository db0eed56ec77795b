namespace NetworkingLessons.TestSupport;

/// <summary>Debian's headless Chromium, started so that it reaches for nothing beyond the files it is given.</summary>
public static class Chromium
{
    /// <summary>Where Debian installs it.</summary>
    public static string Path =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("No Chromium: install Debian's chromium package (bash .ci/install-peers does).");

    private static IEnumerable<string> Flags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--mute-audio",
        $"--user-data-dir={profile}",
    ];

    /// <summary>Loads a local page, lets its scripts run for <paramref name="budgetMs"/> of virtual time, and returns the DOM.</summary>
    public static async Task<string> DumpDomAsync(string file, int budgetMs = 10000)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        try
        {
            var (code, stdout, stderr) = await Peers.RunAsync(Path,
                [.. Flags(profile), $"--virtual-time-budget={budgetMs}", "--dump-dom", new Uri(file).AbsoluteUri], TimeSpan.FromMinutes(2));
            return code == 0 ? stdout : throw new InvalidOperationException($"chromium exited {code}: {stderr}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>Takes a PNG screenshot of a local page.</summary>
    public static async Task ScreenshotAsync(string file, string png, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        try
        {
            await Peers.RunAsync(Path,
                [.. Flags(profile), "--virtual-time-budget=10000", $"--window-size={width},{height}", $"--screenshot={png}", new Uri(file).AbsoluteUri], TimeSpan.FromMinutes(2));
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
