namespace NetworkingLessons.TestSupport;

/// <summary>A program or data a test needs beyond the .NET SDK; <c>bash .ci/install-peers</c> installs them all.</summary>
public enum Peer
{
    /// <summary>Python 3 with Jupyter's nbformat (Debian's python3-nbformat).</summary>
    JupyterNbformat,
    /// <summary>Python 3.</summary>
    Python,
    /// <summary>Debian's Chromium.</summary>
    Chromium,
    /// <summary>plotly.js from npm, in web/node_modules.</summary>
    PlotlyJs,
    /// <summary>mermaid from npm, in web/node_modules.</summary>
    Mermaid,
    /// <summary>Packet capture on loopback: root or CAP_NET_RAW (Linux).</summary>
    PacketCapture,
    /// <summary>Debian's tcpdump, to read the pcap files the library writes.</summary>
    Tcpdump,
    /// <summary>Debian's chrony, an NTP server the tests start on 127.0.0.123 with only its local clock.</summary>
    Chrony,
    /// <summary>Debian's ntpdig (ntpsec-ntpdig), an SNTP client; it asks port 123 only.</summary>
    Ntpdig,
    /// <summary>The seed tutorials and measuring tools in ../shared, beside the course (as CI has them).</summary>
    Shared,
    /// <summary>Binding ports below 1024 on loopback (NTP's 123): root or CAP_NET_BIND_SERVICE.</summary>
    PrivilegedPorts,
    /// <summary>Debian's openssl command (s_server for the TLS tests).</summary>
    OpenSsl,
    /// <summary>The public MessagePack test suite (npm's msgpack-test-suite, built to JSON in tests/data by .ci/install-peers).</summary>
    MsgpackTestSuite,
    /// <summary>Python with Debian's msgpack package (python3-msgpack).</summary>
    PythonMsgpack,
    /// <summary>Debian's bubblewrap (bwrap), autograde's sandbox.</summary>
    Bubblewrap,
    /// <summary>Python with Debian's Jupyter client side: jupyter_client, nbclient, nbconvert, jupyter_kernel_test, jupyter_console, ipykernel.</summary>
    Jupyter,
    /// <summary>Debian's hexdump (bsdextrautils), whose <c>-C</c> layout the course's hex dumps follow.</summary>
    Hexdump,
}

/// <summary>
/// A fact that needs real peers. Where one is missing it is skipped with a reason that says how to
/// install it, so that <c>dotnet test</c> passes on a machine with only the SDK; under CI
/// (<c>CI=true</c>) it never skips, and fails with the same advice if a peer is missing. The
/// reason is part of the skipped test's name, so that <c>dotnet test</c>'s own output shows it.
/// </summary>
[Xunit.Sdk.XunitTestCaseDiscoverer("NetworkingLessons.TestSupport.PeerFactDiscoverer", "NetworkingLessons.TestSupport")]
public sealed class PeerFactAttribute : FactAttribute
{
    /// <summary>A fact needing <paramref name="peers"/>.</summary>
    public PeerFactAttribute(params Peer[] peers) => Skip = PeerCheck.SkipReason(peers);
}

/// <summary>A theory that needs real peers; see <see cref="PeerFactAttribute"/>.</summary>
[Xunit.Sdk.XunitTestCaseDiscoverer("NetworkingLessons.TestSupport.PeerTheoryDiscoverer", "NetworkingLessons.TestSupport")]
public sealed class PeerTheoryAttribute : TheoryAttribute
{
    /// <summary>A theory needing <paramref name="peers"/>.</summary>
    public PeerTheoryAttribute(params Peer[] peers) => Skip = PeerCheck.SkipReason(peers);
}

internal static class PeerCheck
{
    private static readonly Lazy<bool> CanCapture = new(() =>
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Packet, System.Net.Sockets.SocketType.Raw, System.Net.Sockets.ProtocolType.Unspecified);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or PlatformNotSupportedException or NotSupportedException)
        {
            return false;
        }
    });

    private static readonly Lazy<bool> CanBindPrivileged = new(() =>
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.122"), 1023));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    });

    private static readonly Lazy<bool> HasNbformat = new(() => Try(Peers.PythonWithNbformat));
    private static readonly Lazy<bool> HasPythonMsgpack = new(() => Try(Peers.PythonWithMsgpack));
    private static readonly Lazy<bool> HasJupyter = new(() => Try(Peers.PythonWithJupyter));
    private static readonly Lazy<bool> HasPython = new(() => Try(() => Peers.RunAsync("python3", ["-c", "pass"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().ExitCode == 0 ? "" : throw new InvalidOperationException()));

    public static string? SkipReason(Peer[] peers)
    {
        if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
        {
            return null; // CI installs every peer; a missing one must fail, not hide
        }
        var missing = peers.Where(p => !Has(p)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }
        var installable = missing.Where(p => p is not (Peer.PacketCapture or Peer.PrivilegedPorts or Peer.Shared)).ToList();
        var advice = new List<string>();
        if (installable.Count > 0)
        {
            advice.Add("run 'bash .ci/install-peers' to install the test peers");
        }
        if (missing.Contains(Peer.PacketCapture) || missing.Contains(Peer.PrivilegedPorts))
        {
            advice.Add("run the tests as root, as CI does");
        }
        if (missing.Contains(Peer.Shared))
        {
            advice.Add($"put the project's shared folder at {CourseFiles.Shared}");
        }
        return $"needs {string.Join(", ", missing)}; {string.Join(" and ", advice)}";
    }

    private static bool Has(Peer peer) => peer switch
    {
        Peer.JupyterNbformat => HasNbformat.Value,
        Peer.Python => HasPython.Value,
        Peer.Chromium => Try(() => Chromium.Path),
        Peer.Mermaid => File.Exists(CourseFiles.WebModule("mermaid", "dist/mermaid.min.js")),
        Peer.PacketCapture => CanCapture.Value,
        Peer.Tcpdump => Peers.Tcpdump is not null,
        Peer.Chrony => Peers.Chronyd is not null,
        Peer.Ntpdig => Peers.Ntpdig is not null,
        Peer.PrivilegedPorts => CanBindPrivileged.Value,
        Peer.OpenSsl => Peers.OpenSsl is not null,
        Peer.MsgpackTestSuite => File.Exists(CourseFiles.MsgpackTestSuite),
        Peer.Jupyter => HasJupyter.Value,
        Peer.Bubblewrap => File.Exists("/usr/bin/bwrap"),
        Peer.Hexdump => File.Exists(Peers.Hexdump),
        Peer.PythonMsgpack => HasPythonMsgpack.Value,
        Peer.Shared => Directory.Exists(Path.Combine(CourseFiles.Shared, "seeds")),
        _ => File.Exists(CourseFiles.WebModule("plotly.js-dist-min", "plotly.min.js")),
    };

    private static bool Try(Func<string> find)
    {
        try
        {
            find();
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
