using NetworkingLessons.Errors;
using NetworkingLessons.Http;

namespace NetworkingLessons.Tests.Errors;

public sealed class SocketErrorsClientTests
{
    [Fact]
    public async Task Run_WorkingServer_PrintsTheReply()
    {
        await using var server = LocalHttpServer.Start(new Dictionary<string, string> { ["/file.txt"] = "hello\n" });

        var printed = await SocketErrorsClient.RunAsync("127.0.0.1", server.EndPoint.Port, "/file.txt");

        Assert.Equal("HTTP/1.1 200 OK", printed[0]);
        Assert.Equal("hello", printed[^2]);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Run_NoSuchHost_IsAnAddressRelatedError()
    {
        var printed = await SocketErrorsClient.RunAsync("www.pytgo.invalid", 8080, "/");

        Assert.StartsWith("Address-related error connecting to server: ", Assert.Single(printed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingListening_IsAConnectionErrorWithErrno()
    {
        var printed = await SocketErrorsClient.RunAsync("127.0.0.1", ErrorScenarios.FreePort(), "/");

        Assert.StartsWith($"Connection error: [Errno {(OperatingSystem.IsLinux() ? 111 : 61)}]", Assert.Single(printed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadPort_IsAnAddressRelatedError()
    {
        var printed = await SocketErrorsClient.RunAsync("127.0.0.1", 70000, "/");

        Assert.Equal("Address-related error connecting to server: Port 70000 is outside 0–65535: a port is a 16-bit number.", Assert.Single(printed));
    }

    [Fact]
    public async Task Run_AHostWithNoIPv4Address_IsAnAddressRelatedError()
    {
        var printed = await SocketErrorsClient.RunAsync("::1", 80, "/");

        Assert.Equal("Address-related error connecting to server: '::1' has no IPv4 address.", Assert.Single(printed));
    }

    [Fact]
    public async Task Run_AServerThatNeverAnswers_IsAReceiveError_AfterTheTimeoutGiven()
    {
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(); // connects are accepted by the system; nothing ever replies
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var printed = await SocketErrorsClient.RunAsync("127.0.0.1", ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port, "/", TimeSpan.FromMilliseconds(200));

        Assert.StartsWith("Error receiving data: ", Assert.Single(printed), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}: the 200 ms timeout was not used (the default is 5 s)");
    }

    [Fact]
    public async Task Run_Cancelled_Throws_RatherThanReportingATimeout()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SocketErrorsClient.RunAsync("127.0.0.1", ErrorScenarios.FreePort(), "/", null, cancelled.Token));
    }

    [Fact]
    public async Task Run_NoHostOrFile_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => SocketErrorsClient.RunAsync(null!, 80, "/"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => SocketErrorsClient.RunAsync("127.0.0.1", 80, null!));
    }
}
