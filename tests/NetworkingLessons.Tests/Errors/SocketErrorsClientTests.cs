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

        Assert.Contains("70000", Assert.Single(printed), StringComparison.Ordinal);
    }
}
