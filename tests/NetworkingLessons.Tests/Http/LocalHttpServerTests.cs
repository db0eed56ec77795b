using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Http;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Tests.Http;

public sealed class LocalHttpServerTests
{
    private static async Task<string> AskAsync(LocalHttpServer server, string request)
    {
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server.EndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes(request));
        client.Shutdown(SocketShutdown.Send);
        return Encoding.UTF8.GetString(SocketTransfer.ReceiveToEnd(client));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK")]
    [InlineData("GET /missing HTTP/1.1\r\n\r\n", "HTTP/1.1 404 Not Found")]
    [InlineData("POST / HTTP/1.1\r\n\r\n", "HTTP/1.1 405 Method Not Allowed")]
    [InlineData("hello there\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    public async Task Answer_EachKindOfRequest_GetsItsStatus(string request, string status)
    {
        await using var server = LocalHttpServer.Start();

        Assert.StartsWith(status + "\r\n", await AskAsync(server, request), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_HasNoBody()
    {
        await using var server = LocalHttpServer.Start();

        Assert.EndsWith("\r\n\r\n", await AskAsync(server, "HEAD / HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientThatSendsGarbageOrLeaves_DoesNotStopTheServer()
    {
        await using var server = LocalHttpServer.Start();
        using (var rude = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await rude.ConnectAsync(server.EndPoint);
            await rude.SendAsync(new byte[20_000]);
        }

        Assert.StartsWith("HTTP/1.1 200 OK", await AskAsync(server, "GET / HTTP/1.0\r\n\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_StopsListening()
    {
        var server = LocalHttpServer.Start();
        var endpoint = server.EndPoint;
        await server.DisposeAsync();

        using var late = new Socket(SocketType.Stream, ProtocolType.Tcp);
        Assert.Equal(SocketError.ConnectionRefused, (await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(endpoint))).SocketErrorCode);
    }
}
